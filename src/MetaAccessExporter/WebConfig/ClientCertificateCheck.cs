using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// Decides on a client's TLS certificate as Go's <c>tls.Config</c> would with the toolkit's settings: whether one is
/// required, whether it must chain to <c>client_ca_file</c> (for client authentication), and whether it carries one
/// of <c>client_allowed_sans</c>. A refusal is counted as a failed login and logged with the certificate's subject.
/// A connection judged under an earlier reading of the configuration is judged again by the one in force at its
/// next request, so that a withdrawn CA also ends connections a scraper keeps open.
/// </summary>
public sealed class ClientCertificateCheck(WebAccessStats stats, RefusalLog refusals, TimeProvider time)
{
    private const string JudgedKey = "MetaAccessExporter.WebConfig.ClientCertificate";
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>During the handshake: the certificate and the intermediates the client sent.</summary>
    public bool Accept(X509Certificate? presented, X509Chain? sent, WebConfigReading reading, ConnectionContext connection)
    {
        var certificate = presented is null ? null : new X509Certificate2(presented);
        var extra = new X509Certificate2Collection();
        if (sent is not null)
            extra.AddRange(sent.ChainPolicy.ExtraStore);
        connection.Items[JudgedKey] = new Judged(reading, certificate, extra);
        return Decide(certificate, extra, reading, connection.RemoteEndPoint);
    }

    /// <summary>At each request: true unless the configuration changed since the handshake and now refuses the certificate.</summary>
    public bool StillAccepted(HttpContext http, WebConfigReading reading)
    {
        var connectionItems = http.Features.Get<IConnectionItemsFeature>()?.Items;
        if (connectionItems is null || !connectionItems.TryGetValue(JudgedKey, out var value) || value is not Judged judged
            || ReferenceEquals(judged.Reading, reading))
        {
            return true;
        }
        connectionItems[JudgedKey] = judged with { Reading = reading };
        // The client's address is only needed to log a refusal: built here, not on every request.
        var remote = http.Connection.RemoteIpAddress is { } ip ? new IPEndPoint(ip, http.Connection.RemotePort) : null;
        return Decide(judged.Certificate, judged.Extra, reading, remote);
    }

    /// <returns>Null to accept, else why not.</returns>
    public static string? Refusal(
        X509Certificate2? certificate, X509Certificate2Collection extra, TlsServerConfig tls, X509Certificate2Collection? cas, DateTime now)
    {
        if (certificate is null)
            return tls.ClientAuth.RequiresCertificate() ? $"no client certificate, and client_auth_type is {tls.ClientAuth}" : null;
        if (tls.ClientAuth.VerifiesCertificate() && ChainProblem(certificate, extra, cas!, now) is { } problem)
            return $"not a client certificate issued under client_ca_file ({problem})";
        if (tls.ClientAllowedSans is { } allowed && !Sans(certificate).Any(allowed.Contains))
            return "none of its SANs is in client_allowed_sans";
        return null;
    }

    private bool Decide(X509Certificate2? certificate, X509Certificate2Collection extra, WebConfigReading reading, EndPoint? remote)
    {
        string? refusal = Refusal(certificate, extra, reading.Config.Tls!, reading.Tls!.ClientCas, time.GetUtcNow().UtcDateTime);
        if (refusal is null)
            return true;
        stats.Failed(LoginFailure.ClientCertificate);
        refusals.RefusedCertificate(certificate?.Subject ?? "(none)", remote, refusal);
        return false;
    }

    // A certificate nobody verified may carry anything: an extension that does not parse is a refusal, not a crash.
    private static IReadOnlyList<string> Sans(X509Certificate2 certificate)
    {
        try
        {
            return SubjectAlternativeNames.Of(certificate);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException)
        {
            return [];
        }
    }

    private static string? ChainProblem(
        X509Certificate2 certificate, X509Certificate2Collection extra, X509Certificate2Collection cas, DateTime now)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(cas);
        policy.ExtraStore.AddRange(extra);
        policy.ExtraStore.AddRange(cas);
        policy.RevocationMode = X509RevocationMode.NoCheck; // as Go: the toolkit has no revocation settings
        policy.ApplicationPolicy.Add(ClientAuthentication);
        policy.VerificationTime = now;
        if (chain.Build(certificate) || EndsAtGivenCa(chain, cas))
            return null;
        return string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
    }

    // Go trusts every certificate in client_ca_file as an anchor, an intermediate CA too; .NET wants a self-signed
    // root. A chain whose one fault is stopping short, at a certificate the file holds, is what Go accepts.
    private static bool EndsAtGivenCa(X509Chain chain, X509Certificate2Collection cas) =>
        chain.ChainStatus.All(s => s.Status == X509ChainStatusFlags.PartialChain)
        && chain.ChainElements.Count > 0
        && chain.ChainElements.All(e => e.ChainElementStatus.All(s => s.Status == X509ChainStatusFlags.PartialChain))
        && cas.Any(ca => ca.RawDataMemory.Span.SequenceEqual(chain.ChainElements[^1].Certificate.RawDataMemory.Span));

    private sealed record Judged(WebConfigReading Reading, X509Certificate2? Certificate, X509Certificate2Collection Extra);
}
