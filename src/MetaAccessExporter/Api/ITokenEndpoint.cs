using MetaAccessExporter.Api.Dto;
using Refit;

namespace MetaAccessExporter.Api;

/// <summary><c>POST /o/oauth/token</c>, the documented form-encoded client-credentials grant.</summary>
public interface ITokenEndpoint
{
    [Post("/o/oauth/token")]
    Task<IApiResponse<TokenResponse>> RequestTokenAsync(
        [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form, CancellationToken cancellationToken);
}
