using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// Decides on a client's TLS certificate as Go's <c>tls.Config</c> would with the toolkit's settings: whether one is
/// required, whether it must chain to <c>client_ca_file</c> (for client authentication), and whether it carries one
/// of <c>client_allowed_sans</c>. A refusal is counted as a failed login and logged with the certificate's subject.
/// </summary>
public sealed class ClientCertificateCheck(WebAccessStats stats, ILogger<ClientCertificateCheck> logger, TimeProvider time)
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public bool Accept(X509Certificate? presented, X509Chain? sent, WebConfigReading reading, EndPoint? remote)
    {
        using var certificate = presented is null ? null : new X509Certificate2(presented);
        var extra = sent?.ChainPolicy.ExtraStore ?? [];
        string? refusal = Refusal(certificate, extra, reading.Config.Tls!, reading.Tls!.ClientCas, time.GetUtcNow().UtcDateTime);
        if (refusal is null)
            return true;
        stats.Failed(LoginFailure.ClientCertificate);
        Log.ClientCertificateRefused(logger, certificate?.Subject ?? "(none)", remote, refusal);
        return false;
    }

    /// <returns>Null to accept, else why not.</returns>
    public static string? Refusal(
        X509Certificate2? certificate, X509Certificate2Collection extra, TlsServerConfig tls, X509Certificate2Collection? cas, DateTime now)
    {
        if (certificate is null)
            return tls.ClientAuth.RequiresCertificate() ? $"no client certificate, and client_auth_type is {tls.ClientAuth}" : null;
        if (tls.ClientAuth.VerifiesCertificate() && ChainProblem(certificate, extra, cas!, now) is { } problem)
            return $"not a client certificate issued under client_ca_file ({problem})";
        if (tls.ClientAllowedSans is { } allowed && !SubjectAlternativeNames.Of(certificate).Any(allowed.Contains))
            return "none of its SANs is in client_allowed_sans";
        return null;
    }

    private static string? ChainProblem(
        X509Certificate2 certificate, X509Certificate2Collection extra, X509Certificate2Collection cas, DateTime now)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(cas);
        policy.ExtraStore.AddRange(extra);
        policy.RevocationMode = X509RevocationMode.NoCheck; // as Go: the toolkit has no revocation settings
        policy.ApplicationPolicy.Add(ClientAuthentication);
        policy.VerificationTime = now;
        return chain.Build(certificate)
            ? null
            : string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
    }
}
