using MetaAccessExporter.Api;

namespace MetaAccessExporter.Tests.Api;

public class UrlRedactorTests
{
    [Theory]
    [InlineData("https://host/o/api/v3/devices?access_token=SECRET&x=1", "https://host/o/api/v3/devices?access_token=REDACTED&x=1")]
    [InlineData("https://proxy-user:SECRET@proxy.example:8443/o/", "https://REDACTED@proxy.example:8443/o/")]
    [InlineData("https://SECRET@host/", "https://REDACTED@host/")]
    [InlineData("GET https://u:SECRET@host/o/api?token=SECRET failed", "GET https://REDACTED@host/o/api?token=REDACTED failed")]
    [InlineData("https://host/path/user@example.com", "https://host/path/user@example.com")]
    [InlineData("mail me at ops@example.com", "mail me at ops@example.com")]
    public void Secrets_in_a_url_never_leave_it(string text, string shown) =>
        UrlRedactor.Redact(text).Should().Be(shown);

    [Fact]
    public void A_base_url_with_user_info_is_shown_without_it() =>
        UrlRedactor.Redact(new Uri("https://user:p%40ss@gears.opswat.com/")).Should().Be("https://REDACTED@gears.opswat.com/");
}
