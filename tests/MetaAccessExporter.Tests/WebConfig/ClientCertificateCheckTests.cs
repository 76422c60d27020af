using System.Formats.Asn1;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MetaAccessExporter.WebConfig;

namespace MetaAccessExporter.Tests.WebConfig;

/// <summary>Go's <c>tls.ClientAuthType</c> semantics, with the toolkit's SAN check, on real certificates.</summary>
public class ClientCertificateCheckTests
{
    private static readonly TestCertificates Pki = new();
    private static readonly DateTime Now = DateTime.UtcNow;

    public static TheoryData<ClientAuthType, bool, bool, bool> Matrix => new()
    {
        // type, accepts none, accepts the CA's, accepts another CA's
        { ClientAuthType.NoClientCert, true, true, true },
        { ClientAuthType.RequestClientCert, true, true, true },
        { ClientAuthType.RequireAnyClientCert, false, true, true },
        { ClientAuthType.VerifyClientCertIfGiven, true, true, false },
        { ClientAuthType.RequireAndVerifyClientCert, false, true, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_client_auth_type_accepts_what_Go_accepts(ClientAuthType type, bool none, bool ours, bool foreign)
    {
        var tls = Config(type);

        Accepts(null, tls).Should().Be(none, "without a certificate");
        Accepts(Pki.Client, tls).Should().Be(ours, "with one the client CA issued");
        Accepts(Pki.ForeignClient, tls).Should().Be(foreign, "with one another CA issued");
    }

    [Fact]
    public void A_certificate_issued_for_servers_is_not_a_client_certificate()
    {
        Accepts(Pki.Server, Config(ClientAuthType.RequireAndVerifyClientCert)).Should().BeFalse();
    }

    [Fact]
    public void Allowed_SANs_admit_only_a_certificate_carrying_one_of_them()
    {
        var tls = Config(ClientAuthType.RequireAndVerifyClientCert) with { ClientAllowedSans = [TestCertificates.ClientSan] };

        Accepts(Pki.Client, tls).Should().BeTrue();
        Accepts(Pki.ClientWithOtherSan, tls).Should().BeFalse();
    }

    [Fact]
    public void An_expired_certificate_is_refused_when_certificates_are_verified()
    {
        var tls = Config(ClientAuthType.RequireAndVerifyClientCert);

        ClientCertificateCheck.Refusal(Pki.Client, [], tls, [Pki.Ca], Now.AddDays(60)).Should().Contain("client_ca_file");
    }

    [Fact]
    public void A_certificate_issued_under_an_intermediate_needs_the_intermediate_the_client_sends()
    {
        var tls = Config(ClientAuthType.RequireAndVerifyClientCert);

        ClientCertificateCheck.Refusal(Pki.ClientUnderIntermediate, [Pki.Intermediate], tls, [Pki.Ca], Now).Should().BeNull();
        ClientCertificateCheck.Refusal(Pki.ClientUnderIntermediate, [], tls, [Pki.Ca], Now).Should().NotBeNull();
    }

    [Fact]
    public void An_intermediate_CA_alone_in_client_ca_file_is_trusted_as_Go_trusts_it()
    {
        var tls = Config(ClientAuthType.RequireAndVerifyClientCert);

        ClientCertificateCheck.Refusal(Pki.ClientUnderIntermediate, [], tls, [Pki.Intermediate], Now).Should().BeNull();
        ClientCertificateCheck.Refusal(Pki.Client, [], tls, [Pki.Intermediate], Now)
            .Should().NotBeNull("the root issued it, not the intermediate");
    }

    [Fact]
    public void A_certificate_whose_SANs_do_not_parse_is_refused_not_a_crash()
    {
        using var key = ECDsa.Create();
        var request = new CertificateRequest("CN=odd", key, HashAlgorithmName.SHA256);
        var san = new AsnWriter(AsnEncodingRules.DER);
        using (san.PushSequence())
            san.WriteOctetString([10, 0, 0, 1, 9], new Asn1Tag(TagClass.ContextSpecific, 7)); // a five-byte IP address
        request.CertificateExtensions.Add(new X509Extension("2.5.29.17", san.Encode(), critical: false));
        using var odd = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var tls = Config(ClientAuthType.RequireAnyClientCert) with { ClientAllowedSans = ["10.0.0.1"] };

        ClientCertificateCheck.Refusal(odd, [], tls, [Pki.Ca], Now).Should().Contain("client_allowed_sans");
    }

    private static bool Accepts(X509Certificate2? certificate, TlsServerConfig tls) =>
        ClientCertificateCheck.Refusal(certificate, [], tls, [Pki.Ca], Now) is null;

    private static TlsServerConfig Config(ClientAuthType type) => new(
        new PemInput("cert", null, "x"), new PemInput("key", null, "x"), type, new PemInput("ca", null, "x"), null,
        SslProtocols.Tls12 | SslProtocols.Tls13, null, []);
}
