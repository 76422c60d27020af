namespace MetaAccessExporter.Api.Tokens;

/// <summary>
/// <c>MetaAccess:AccessToken</c>, or <c>MetaAccess:AccessTokenFile</c> read when first needed and
/// again after a 401, so an operator can rotate the file without a restart.
/// </summary>
public sealed class FixedAccessTokenSource(MetaAccessOptions options) : IAccessTokenSource
{
    private volatile string? _cached = options.AccessToken?.Trim();

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = _cached;
        if (token is null)
        {
            token = SecretFile.Read(options.AccessTokenFile!, "MetaAccess:AccessTokenFile");
            _cached = token;
        }
        return ValueTask.FromResult(token);
    }

    /// <returns>True only when the file now holds another token: retrying the same one would waste a slot.</returns>
    public bool Reject(string token)
    {
        if (options.AccessTokenFile is null)
            return false;
        var reread = SecretFile.Read(options.AccessTokenFile, "MetaAccess:AccessTokenFile");
        _cached = reread;
        return reread != token;
    }
}
