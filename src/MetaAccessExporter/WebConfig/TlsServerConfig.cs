using System.Net.Security;
using System.Security.Authentication;

namespace MetaAccessExporter.WebConfig;

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
