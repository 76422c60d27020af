using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Api.Tokens;

/// <summary>
/// <c>MetaAccess:AccessToken</c>, or <c>MetaAccess:AccessTokenFile</c> read when first needed and
/// again after a 401, so an operator can rotate the file without a restart.
/// </summary>
public sealed class FixedAccessTokenSource(MetaAccessOptions options, ILogger logger) : IAccessTokenSource
{
    private readonly SecretFile? _file =
        options.AccessTokenFile is { } path ? new SecretFile(path, "MetaAccess:AccessTokenFile", logger) : null;
    private volatile string? _cached = options.AccessToken?.Trim();

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = _cached;
        if (token is null)
        {
            token = _file!.Read();
            _cached = token;
        }
        return ValueTask.FromResult(token);
    }

    /// <returns>True only when the file now holds another token: retrying the same one would waste a slot.</returns>
    public bool Reject(string token)
    {
        if (_file is null)
            return false;
        var reread = _file.Read();
        _cached = reread;
        return reread != token;
    }
}
