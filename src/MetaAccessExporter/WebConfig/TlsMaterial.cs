using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MetaAccessExporter.WebConfig;

/// <summary>The server certificate with its key and chain, and the client CAs, loaded from what <c>tls_server_config</c> names.</summary>
public sealed class TlsMaterial
{
    private TlsMaterial(SslStreamCertificateContext server, X509Certificate2 leaf, X509Certificate2Collection? clientCas)
    {
        Server = server;
        Leaf = leaf;
        ClientCas = clientCas;
    }

    public SslStreamCertificateContext Server { get; }

    /// <summary>The server's own certificate, for its expiry.</summary>
    public X509Certificate2 Leaf { get; }

    public X509Certificate2Collection? ClientCas { get; }

    /// <param name="read">The PEM text of an input (its file's, or the inline text).</param>
    /// <exception cref="WebConfigException">An input holds no certificate, or the key does not match.</exception>
    public static TlsMaterial Load(TlsServerConfig config, Func<PemInput, string> read)
    {
        string certificatePem = read(config.Certificate);
        var chain = Certificates(config.Certificate, certificatePem);
        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(certificatePem, read(config.Key));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException) // ArgumentException: another key
        {
            throw Error(config.Key, $"is not the private key of the certificate in {config.Certificate.Key} ({ex.Message})");
        }
        var clientCas = config.ClientCa is { } ca ? Certificates(ca, read(ca)) : null;
        // Sending the client CAs' names lets a client that holds several certificates pick the right one (Windows
        // cannot send a collection's; the check itself does not need them).
        var trust = clientCas is null || OperatingSystem.IsWindows()
            ? null
            : SslCertificateTrust.CreateForX509Collection(clientCas, sendTrustInHandshake: true);
        var intermediates = new X509Certificate2Collection(chain.Skip(1).ToArray());
        return new TlsMaterial(SslStreamCertificateContext.Create(leaf, intermediates, offline: true, trust), leaf, clientCas);
    }

    public static WebConfigException Error(PemInput input, string reason) =>
        new(input.Path is null ? $"{input.Key}: {reason}" : $"{input.Key}: {input.Path} {reason}");

    private static X509Certificate2Collection Certificates(PemInput input, string pem)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw Error(input, $"holds a certificate that cannot be read ({ex.Message})");
        }
        return certificates.Count > 0 ? certificates : throw Error(input, "holds no PEM certificate");
    }
}
