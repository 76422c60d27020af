namespace MetaAccessExporter.Api.Tokens;

/// <summary>Where the access token for the query string comes from.</summary>
public interface IAccessTokenSource
{
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The API answered 401 to <paramref name="token"/>: the next <see cref="GetTokenAsync"/> must not return it from cache.
    /// </summary>
    /// <returns>Whether a renewed token may differ, i.e. whether retrying is worth a slot.</returns>
    bool Reject(string token);
}
