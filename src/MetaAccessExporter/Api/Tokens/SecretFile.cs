namespace MetaAccessExporter.Api.Tokens;

/// <summary>Reads a one-line secret from a file (Kubernetes secret volumes, Docker secrets).</summary>
internal static class SecretFile
{
    public static string Read(string path, string key)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MetaAccessApiException(ApiEndpoint.Token, "error", $"{key} could not be read ({path}): {ex.Message}", ex);
        }
        return text.Length > 0
            ? text
            : throw new MetaAccessApiException(ApiEndpoint.Token, "error", $"{key} is empty ({path}).");
    }
}
