using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Api.Tokens;

/// <summary>
/// A one-line secret in a file (Kubernetes secret volumes, Docker secrets, systemd credentials), read each time
/// it is needed so a rotated file is picked up. Each read first looks at the file's mode: a file others can read
/// is logged as a Warning, naming the file and its mode (never its contents), once, and again only if that
/// changes; a secret volume's default 0644 is the usual cause.
/// </summary>
internal sealed class SecretFile(string path, string key, ILogger logger)
{
    private SecretFileExposure? _warned;

    public string Read()
    {
        var exposure = SecretFileExposure.Of(path);
        // Token requests may read the file at the same time: the exchange lets only one of them say so.
        var previous = Interlocked.Exchange(ref _warned, exposure);
        if (exposure is not null && exposure != previous)
        {
            string file = exposure.Target == path ? path : $"{path} (a link to {exposure.Target})";
            Log.SecretFileReadableByOthers(logger, key, file, exposure.Readers, exposure.Octal);
        }
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
