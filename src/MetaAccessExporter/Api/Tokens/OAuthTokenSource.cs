using MetaAccessExporter.Api.Dto;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Api.Tokens;

/// <summary>
/// OAuth client credentials. The token is renewed shortly before it expires, or after a 401 when
/// the answer gave no lifetime. The secret file is re-read at every renewal so a rotated secret is
/// picked up without a restart. Token calls go through the same budget as every other call.
/// </summary>
public sealed class OAuthTokenSource(
    ITokenEndpoint endpoint, MetaAccessOptions options, ApiCallStats stats, TimeProvider time, ILogger logger)
    : IAccessTokenSource
{
    private readonly SecretFile? _secretFile =
        options.ClientSecretFile is { } path ? new SecretFile(path, "MetaAccess:ClientSecretFile", logger) : null;
    private static readonly TimeSpan MaxRenewalMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile CachedToken? _current;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } fresh && fresh.IsFresh(time.GetUtcNow()))
            return fresh.Value;
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } renewedMeanwhile && renewedMeanwhile.IsFresh(time.GetUtcNow()))
                return renewedMeanwhile.Value;
            var token = await RequestAsync(cancellationToken).ConfigureAwait(false);
            _current = token;
            return token.Value;
        }
        finally
        {
            _renewal.Release();
        }
    }

    public bool Reject(string token)
    {
        var current = _current;
        if (current is not null && current.Value == token)
            Interlocked.CompareExchange(ref _current, null, current);
        return true;
    }

    private async Task<CachedToken> RequestAsync(CancellationToken cancellationToken)
    {
        var secret = _secretFile?.Read() ?? options.ClientSecret!;
        var form = new Dictionary<string, string>
        {
            ["client_id"] = options.ClientId!,
            ["client_secret"] = secret,
            ["grant_type"] = "client_credentials",
        };
        var issuedAt = time.GetUtcNow();
        var answer = await ApiAnswer.ReadAsync(() => endpoint.RequestTokenAsync(form, cancellationToken), ApiEndpoint.Token, "request",
            meansNothing: null, stats, cancellationToken, _ => ": check MetaAccess:ClientId and the client secret").ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(answer!.AccessToken))
            throw ApiAnswer.Invalid(stats, ApiEndpoint.Token, "the answer holds no access_token");
        return new CachedToken(answer.AccessToken, ExpiryOf(answer, issuedAt));
    }

    private static DateTimeOffset? ExpiryOf(TokenResponse token, DateTimeOffset issuedAt)
    {
        if (token.ExpiresIn is not > 0)
            return null;
        var lifetime = TimeSpan.FromSeconds(token.ExpiresIn.Value);
        // Renew a little early so no request carries a token that dies on the way.
        var margin = TimeSpan.FromTicks(Math.Min(MaxRenewalMargin.Ticks, lifetime.Ticks / 10));
        return issuedAt + lifetime - margin;
    }

    private sealed record CachedToken(string Value, DateTimeOffset? RenewAt)
    {
        public bool IsFresh(DateTimeOffset now) => RenewAt is null || now < RenewAt;
    }
}
