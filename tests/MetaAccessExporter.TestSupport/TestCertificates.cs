using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MetaAccessExporter.TestSupport;

/// <summary>
/// A small PKI for TLS tests, made fresh for each test run: a CA, a server certificate it issued for 127.0.0.1 and
/// localhost, client certificates it issued (with and without the SAN a test allows), and one from another CA.
/// <see cref="Write"/> puts any of them on disk as PEM, as a user's files would be.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public const string ClientSan = "prometheus.example";

    public TestCertificates()
    {
        Ca = Authority("test CA");
        Server = ServerCertificate(Ca, "server");
        Client = Issue("prometheus", Ca, ClientAuthentication, san => san.AddDnsName(ClientSan));
        ClientWithOtherSan = Issue("other", Ca, ClientAuthentication, san => san.AddDnsName("other.example"));
        Intermediate = Issue("intermediate CA", Ca, ClientAuthentication, _ => { }, authority: true);
        ClientUnderIntermediate = Issue("prometheus via intermediate", Intermediate, ClientAuthentication,
            san => san.AddDnsName(ClientSan));
        var stranger = Authority("another CA");
        ForeignClient = Issue("stranger", stranger, ClientAuthentication, san => san.AddDnsName(ClientSan));
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public X509Certificate2 ClientWithOtherSan { get; }

    /// <summary>A CA the root issued, which issued <see cref="ClientUnderIntermediate"/>.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>Carries the allowed SAN; verifying it takes <see cref="Intermediate"/>, which its client must send.</summary>
    public X509Certificate2 ClientUnderIntermediate { get; }

    /// <summary>Carries the allowed SAN, but another CA issued it.</summary>
    public X509Certificate2 ForeignClient { get; }

    /// <summary>A second server certificate from the same CA, for rotation tests.</summary>
    public X509Certificate2 RenewedServer() => ServerCertificate(Ca, "renewed server");

    /// <summary>Writes <c>{name}.pem</c> (and <c>{name}.key</c> when it has a private key) into <paramref name="directory"/>.</summary>
    public static void Write(X509Certificate2 certificate, string directory, string name)
    {
        File.WriteAllText(Path.Combine(directory, $"{name}.pem"), certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey();
        if (key is not null)
            File.WriteAllText(Path.Combine(directory, $"{name}.key"), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// Writes the server's certificate and key and the CA into <paramref name="directory"/>, and returns the
    /// <c>tls_server_config</c> lines that ask every client for a certificate the CA issued with <see cref="ClientSan"/>.
    /// </summary>
    public string WriteMutualTls(string directory)
    {
        Write(Server, directory, "server");
        Write(Ca, directory, "ca");
        return $"""
            tls_server_config:
              cert_file: server.pem
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.pem
              client_allowed_sans: [{ClientSan}]

            """;
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 ServerCertificate(X509Certificate2 ca, string name) =>
        Issue(name, ca, ServerAuthentication, san =>
        {
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
        });

    private static X509Certificate2 Issue(
        string name, X509Certificate2 issuer, Oid usage, Action<SubjectAlternativeNameBuilder> sans, bool authority = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(authority, false, 0, true));
        if (authority)
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        var san = new SubjectAlternativeNameBuilder();
        sans(san);
        request.CertificateExtensions.Add(san.Build());
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20),
            RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }
}
