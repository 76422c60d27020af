using System.Net.Security;
using System.Security.Authentication;

namespace MetaAccessExporter.WebConfig;

/// <summary><c>tls_server_config</c>, with the toolkit's rules for which settings go together.</summary>
internal static class TlsConfigReader
{
    // SslProtocols.Tls and Tls11 are obsolete for good reason, but a file may still name them, as the toolkit allows.
#pragma warning disable SYSLIB0039
    private static readonly Dictionary<string, SslProtocols> Versions = new(StringComparer.Ordinal)
    {
        ["TLS10"] = SslProtocols.Tls,
        ["TLS11"] = SslProtocols.Tls11,
        ["TLS12"] = SslProtocols.Tls12,
        ["TLS13"] = SslProtocols.Tls13,
    };
#pragma warning restore SYSLIB0039

    private static readonly string[] KnownCurves = ["CurveP256", "CurveP384", "CurveP521", "X25519"];

    // Go's tls.CipherSuites(), the ones the toolkit accepts by name; .NET's enum names them alike.
    private static readonly Dictionary<string, TlsCipherSuite> GoCipherSuites = new[]
    {
        TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
        TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, TlsCipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    }.ToDictionary(suite => suite.ToString(), StringComparer.Ordinal);

    // The toolkit's list applies to TLS 1.2 and below; Go always offers its TLS 1.3 suites, so .NET must too.
    private static readonly TlsCipherSuite[] Tls13Suites =
        [TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256];

    private static readonly Dictionary<string, ClientAuthType> ClientAuthNames =
        Enum.GetValues<ClientAuthType>().ToDictionary(type => type.ToString(), StringComparer.Ordinal);

    /// <returns>Null when the section turns nothing on, as the toolkit serves plain HTTP then.</returns>
    public static TlsServerConfig? Read(YamlSection tls, string directory)
    {
        tls.AllowOnly("cert", "key", "client_ca", "cert_file", "key_file", "client_auth_type", "client_ca_file",
            "client_allowed_sans", "min_version", "max_version", "cipher_suites", "prefer_server_cipher_suites", "curve_preferences");
        var certificate = Pem(tls, "cert_file", "cert", directory);
        var key = Pem(tls, "key_file", "key", directory);
        var clientCa = Pem(tls, "client_ca_file", "client_ca", directory);
        string? clientAuthText = tls.String("client_auth_type");
        // Read before the "is TLS on" test, so that a bad value is reported wherever it is.
        var protocols = Protocols(tls);
        var cipherSuites = CipherSuites(tls);
        var curves = Curves(tls);
        var allowedSans = tls.Strings("client_allowed_sans");
        _ = tls.Bool("prefer_server_cipher_suites"); // Go has ignored it since 1.18; read so that a bad value is still an error
        if (certificate is null && key is null && clientCa is null && string.IsNullOrEmpty(clientAuthText))
        {
            return allowedSans is null
                ? null
                : throw tls.Error("client_allowed_sans", "is set, but nothing turns TLS on (cert_file, key_file, client_auth_type)");
        }
        if (certificate is null)
            throw tls.Error("cert_file", "is missing: TLS needs one of cert_file or cert");
        if (key is null)
            throw tls.Error("key_file", "is missing: TLS needs one of key_file or key");
        var clientAuth = ClientAuth(tls, clientAuthText);
        if (clientCa is not null && clientAuth == ClientAuthType.NoClientCert)
            throw new WebConfigException($"{clientCa.Key}: is set, but client_auth_type is NoClientCert (RequireAndVerifyClientCert?)");
        if (clientCa is null && clientAuth.VerifiesCertificate())
            throw tls.Error("client_ca_file", $"is missing: client_auth_type {clientAuth} verifies certificates against it");
        if (allowedSans is not null && !clientAuth.RequiresCertificate())
            throw tls.Error("client_allowed_sans", "needs client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert");
        return new TlsServerConfig(certificate, key, clientAuth, clientCa, allowedSans, protocols, cipherSuites, curves);
    }

    private static PemInput? Pem(YamlSection tls, string fileKey, string inlineKey, string directory)
    {
        string? file = tls.String(fileKey);
        string? inline = tls.String(inlineKey);
        if (!string.IsNullOrEmpty(file) && !string.IsNullOrEmpty(inline))
            throw tls.Error(fileKey, $"and {inlineKey} are both set: give one");
        if (!string.IsNullOrEmpty(file))
            return new PemInput($"tls_server_config.{fileKey}", Path.GetFullPath(file, directory), null);
        return string.IsNullOrEmpty(inline) ? null : new PemInput($"tls_server_config.{inlineKey}", null, inline);
    }

    private static ClientAuthType ClientAuth(YamlSection tls, string? text)
    {
        if (string.IsNullOrEmpty(text))
            return ClientAuthType.NoClientCert;
        if (text == "RequireClientCert")
            return ClientAuthType.RequireAnyClientCert; // the toolkit's older name
        return ClientAuthNames.TryGetValue(text, out var type)
            ? type
            : throw tls.Error("client_auth_type", $"'{text}' is not one of {string.Join(", ", ClientAuthNames.Keys)}");
    }

    private static SslProtocols Protocols(YamlSection tls)
    {
        var min = Version(tls, "min_version", "TLS12");
        var max = Version(tls, "max_version", "TLS13");
        if (min > max)
            throw tls.Error("min_version", "is above max_version");
        return Versions.Values.Where(v => v >= min && v <= max).Aggregate(SslProtocols.None, (all, v) => all | v);
    }

    private static SslProtocols Version(YamlSection tls, string key, string fallback)
    {
        string text = tls.String(key) ?? fallback;
        return Versions.TryGetValue(text, out var version)
            ? version
            : throw tls.Error(key, $"'{text}' is not one of {string.Join(", ", Versions.Keys)}");
    }

    private static CipherSuitesPolicy? CipherSuites(YamlSection tls)
    {
        var names = tls.Strings("cipher_suites");
        if (names is null || names.Count == 0)
            return null;
        if (OperatingSystem.IsWindows())
            throw tls.Error("cipher_suites", "cannot be applied on Windows, where the system chooses the suites");
        var suites = names.Select((name, i) => GoCipherSuites.TryGetValue(name, out var suite)
            ? suite
            : throw tls.Error($"cipher_suites[{i}]", $"'{name}' is not one of Go's cipher suites (tls.CipherSuites(), e.g. "
                + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)"));
        return new CipherSuitesPolicy(suites.Concat(Tls13Suites).Distinct());
    }

    private static IReadOnlyList<string> Curves(YamlSection tls)
    {
        var names = tls.Strings("curve_preferences") ?? [];
        for (int i = 0; i < names.Count; i++)
        {
            if (!KnownCurves.Contains(names[i], StringComparer.Ordinal))
                throw tls.Error($"curve_preferences[{i}]", $"'{names[i]}' is not one of {string.Join(", ", KnownCurves)}");
        }
        return names;
    }
}
