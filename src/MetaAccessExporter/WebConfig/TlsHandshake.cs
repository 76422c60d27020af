using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// Each connection's TLS settings, from the web configuration as it is at that handshake: this is how a renewed
/// certificate or a new client CA takes effect without a restart (the toolkit's <c>GetConfigForClient</c>).
/// </summary>
public sealed class TlsHandshake(WebConfigSource source, ClientCertificateCheck check)
{
    public SslServerAuthenticationOptions OptionsFor(ConnectionContext connection)
    {
        var reading = source.Current;
        // A reading without TLS is never current while TLS is served: the source refuses that change.
        var tls = reading.Config.Tls!;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = reading.Tls!.Server,
            EnabledSslProtocols = tls.Protocols,
            CipherSuitesPolicy = tls.CipherSuites,
            ClientCertificateRequired = tls.ClientAuth.AsksForCertificate(),
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) => check.Accept(certificate, chain, reading, connection),
            // A resumed session brings no intermediates, so a certificate issued under one could not be judged again.
            AllowTlsResume = !tls.ClientAuth.AsksForCertificate(),
            ApplicationProtocols = source.Http2
                ? [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]
                : [SslApplicationProtocol.Http11],
        };
    }
}
