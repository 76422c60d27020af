using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MetaAccessExporter.TestSupport;

/// <summary>A real TLS client, as a scraper is: it trusts only the test CA, may present a certificate and may log in.</summary>
public static class TlsClient
{
    /// <param name="seen">Receives the certificate each handshake presented.</param>
    public static HttpClient Create(
        Uri baseAddress,
        X509Certificate2 ca,
        X509Certificate2? certificate = null,
        (string User, string Password)? login = null,
        SslProtocols protocols = SslProtocols.None,
        Action<X509Certificate2>? seen = null,
        X509Certificate2? intermediate = null,
        bool keepAlive = false)
    {
        var handler = new SocketsHttpHandler
        {
            // Unless asked to keep one: a new connection, so a new handshake, for every request.
            PooledConnectionLifetime = keepAlive ? Timeout.InfiniteTimeSpan : TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = protocols,
                // With an intermediate, the client sends it after its certificate, as a client of a real PKI does.
                ClientCertificateContext = certificate is null ? null
                    : SslStreamCertificateContext.Create(certificate, intermediate is null ? null : [intermediate], offline: true),
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                {
                    using var server = new X509Certificate2(presented!);
                    seen?.Invoke(new X509Certificate2(server));
                    return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && IssuedBy(server, ca);
                },
            },
        };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        if (login is var (user, password))
        {
            http.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        return http;
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
