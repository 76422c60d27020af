namespace MetaAccessExporter.Api.Tokens;

/// <summary>Where the access token for the query string comes from.</summary>
public interface IAccessTokenSource
{
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>The API answered 401 to <paramref name="token"/>: the next <see cref="GetTokenAsync"/> must not return it from cache.</summary>
    void Reject(string token);
}
