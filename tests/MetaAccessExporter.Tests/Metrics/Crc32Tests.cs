using System.Text;
using MetaAccessExporter.Metrics.Exposition.Gzip;

namespace MetaAccessExporter.Tests.Metrics;

public class Crc32Tests
{
    [Fact]
    public void Computes_the_gzip_check_value() =>
        Crc32.Compute(Encoding.ASCII.GetBytes("123456789")).Should().Be(0xCBF43926u, "the CRC-32/ISO-HDLC check value");

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(13, 7)]
    [InlineData(4096, 1)]
    [InlineData(1, 70_000)]
    [InlineData(65_537, 131_071)]
    public void Combining_two_pieces_gives_the_crc_of_them_joined(int lengthA, int lengthB)
    {
        var random = new Random(lengthA * 31 + lengthB);
        var a = new byte[lengthA];
        var b = new byte[lengthB];
        random.NextBytes(a);
        random.NextBytes(b);

        Crc32.Combine(Crc32.Compute(a), Crc32.Compute(b), b.Length).Should().Be(Crc32.Compute([.. a, .. b]));
    }
}
