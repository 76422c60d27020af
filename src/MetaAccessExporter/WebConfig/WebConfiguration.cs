using System.Net.Security;
using System.Security.Authentication;

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

/// <param name="CipherSuites">Null: the system's defaults.</param>
/// <param name="ClientAllowedSans">Null: any client certificate the other settings accept.</param>
/// <param name="CurvePreferences">Checked, but not applied: .NET leaves the curves to the system's OpenSSL.</param>
public sealed record TlsServerConfig(
    PemInput Certificate,
    PemInput Key,
    ClientAuthType ClientAuth,
    PemInput? ClientCa,
    IReadOnlyList<string>? ClientAllowedSans,
    SslProtocols Protocols,
    CipherSuitesPolicy? CipherSuites,
    IReadOnlyList<string> CurvePreferences);

/// <summary>PEM text given inline or in a file, with the key it came from for error messages.</summary>
public sealed record PemInput(string Key, string? Path, string? Inline);

/// <summary>Go's <c>tls.ClientAuthType</c>, by the names the toolkit accepts.</summary>
public enum ClientAuthType
{
    NoClientCert,
    RequestClientCert,
    RequireAnyClientCert,
    VerifyClientCertIfGiven,
    RequireAndVerifyClientCert,
}

public sealed record HttpServerConfig(bool Http2, IReadOnlyDictionary<string, string> Headers)
{
    public static readonly HttpServerConfig Default = new(true, new Dictionary<string, string>());
}

/// <summary>A token bucket: one request every <paramref name="Interval"/>, bursts of <paramref name="Burst"/>.</summary>
public sealed record RateLimitConfig(TimeSpan Interval, int Burst);

public static class ClientAuthTypes
{
    public static bool AsksForCertificate(this ClientAuthType type) => type != ClientAuthType.NoClientCert;

    public static bool RequiresCertificate(this ClientAuthType type) =>
        type is ClientAuthType.RequireAnyClientCert or ClientAuthType.RequireAndVerifyClientCert;

    public static bool VerifiesCertificate(this ClientAuthType type) =>
        type is ClientAuthType.VerifyClientCertIfGiven or ClientAuthType.RequireAndVerifyClientCert;
}
