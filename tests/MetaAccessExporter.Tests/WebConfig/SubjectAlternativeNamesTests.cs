using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MetaAccessExporter.WebConfig;

namespace MetaAccessExporter.Tests.WebConfig;

public class SubjectAlternativeNamesTests
{
    [Fact]
    public void Every_kind_Go_matches_is_listed_as_Go_writes_it()
    {
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName("prometheus.example");
        sans.AddEmailAddress("ops@example.com");
        sans.AddIpAddress(IPAddress.Parse("10.0.0.7"));
        sans.AddIpAddress(IPAddress.Parse("2001:db8::1"));
        sans.AddUri(new Uri("spiffe://example.org/ns/monitoring/sa/prometheus"));
        sans.AddUserPrincipalName("ignored@example.com"); // an otherName: not a kind Go matches

        SubjectAlternativeNames.Of(Certificate(sans)).Should().Equal(
            "prometheus.example", "ops@example.com", "10.0.0.7", "2001:db8::1", "spiffe://example.org/ns/monitoring/sa/prometheus");
    }

    [Fact]
    public void A_certificate_without_the_extension_has_none()
    {
        using var key = ECDsa.Create();
        using var certificate = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        SubjectAlternativeNames.Of(certificate).Should().BeEmpty();
    }

    private static X509Certificate2 Certificate(SubjectAlternativeNameBuilder sans)
    {
        using var key = ECDsa.Create();
        var request = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(sans.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
    }
}
