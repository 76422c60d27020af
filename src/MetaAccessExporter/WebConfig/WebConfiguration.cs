
namespace MetaAccessExporter.WebConfig;

/// <summary>
/// What a <c>--web.config.file</c> says, in exporter-toolkit's format (its docs/web-configuration.md): TLS,
/// HTTP options, basic-auth users and a rate limit. Paths are already resolved against the file's folder.
/// </summary>
public sealed record WebConfiguration(
    TlsServerConfig? Tls,
    HttpServerConfig Http,
    IReadOnlyDictionary<string, string> BasicAuthUsers,
    RateLimitConfig? RateLimit)
{
    public static readonly WebConfiguration Empty = new(null, HttpServerConfig.Default, new Dictionary<string, string>(), null);
}

public sealed record HttpServerConfig(bool Http2, IReadOnlyDictionary<string, string> Headers)
{
    public static readonly HttpServerConfig Default = new(true, new Dictionary<string, string>());
}

/// <summary>A token bucket: one request every <paramref name="Interval"/>, bursts of <paramref name="Burst"/>.</summary>
public sealed record RateLimitConfig(TimeSpan Interval, int Burst);
