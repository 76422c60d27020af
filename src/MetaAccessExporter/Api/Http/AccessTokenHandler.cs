using MetaAccessExporter.Api.Tokens;
using Microsoft.AspNetCore.WebUtilities;

namespace MetaAccessExporter.Api.Http;

/// <summary>
/// Puts the access token into the query, as the API wants it (and, for the one endpoint whose page
/// documents it so, into an <c>access_token</c> header as well). On a 401 the token is renewed once
/// and the request sent once more; that second send passes the budget handler again, so it spends
/// a slot in plain sight. A second 401 is returned to the caller as a failed call.
/// </summary>
internal sealed class AccessTokenHandler(IAccessTokenSource tokens, TokenPlacement placement) : DelegatingHandler
{
    private const string TokenName = "access_token";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri!;
        byte[]? body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        Carry(request, target, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
            return response;

        if (!tokens.Reject(token))
            return response;
        var renewed = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        response.Dispose();
        using var retry = Copy(request, body);
        Carry(retry, target, renewed);
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    private void Carry(HttpRequestMessage request, Uri target, string token)
    {
        request.RequestUri = new(QueryHelpers.AddQueryString(target.AbsoluteUri, TokenName, token));
        request.Headers.Remove(TokenName);
        if (placement == TokenPlacement.QueryAndHeader)
            request.Headers.TryAddWithoutValidation(TokenName, token);
    }

    private static HttpRequestMessage Copy(HttpRequestMessage original, byte[]? body)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        foreach (var header in original.Headers)
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in original.Content!.Headers)
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        foreach (var option in original.Options)
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        return copy;
    }
}
