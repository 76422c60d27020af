using MetaAccessExporter.Hosting;

namespace MetaAccessExporter.Tests.Hosting;

public class AcceptEncodingTests
{
    [Theory]
    [InlineData("gzip", true)]
    [InlineData("gzip, deflate, br", true)]
    [InlineData("br;q=1.0, GZIP;q=0.5", true)]
    [InlineData("*", true)]
    [InlineData("identity, *;q=0.1", true)]
    [InlineData("x-gzip", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("identity", false)]
    [InlineData("br, deflate", false)]
    [InlineData("gzip;q=0", false)]
    [InlineData("gzip;q=0.000, *", false)]
    [InlineData("*;q=0", false)]
    [InlineData("gzip;q=nonsense", false)]
    public void Gzip_is_sent_only_to_a_client_that_takes_it(string? header, bool gzip) =>
        AcceptEncoding.AllowsGzip(header).Should().Be(gzip);
}
