using MetaAccessExporter.Api.Dto;
using Refit;

namespace MetaAccessExporter.Api;

/// <summary>
/// Account Details v3.1. Its page documents the access token as a header, unlike every other call:
/// the handler chain sends it both ways (<see cref="Http.AccessTokenHandler"/>).
/// </summary>
public interface IAccountApi
{
    [Get("/o/api/v3.1/account")]
    Task<IApiResponse<AccountAnswer>> GetAsync(CancellationToken cancellationToken);
}
