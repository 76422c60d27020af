using System.IO.Compression;
using System.Text;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>
/// At setup: prints a contender's answer sizes, plain and gzip, and refuses to measure a contender that does not serve
/// the exporter's series (a count of sample lines, as a reader of the exposition would count them) or ignores gzip.
/// </summary>
internal static class AnswerCheck
{
    // OpenTelemetry adds target_info (and, in some versions, otel_scope_info) to the exporter's series.
    private const int OpenTelemetryExtraSamples = 5;

    /// <param name="reference">The exporter's answer whose samples the contender's must match; null to check only the encodings.</param>
    public static async Task VerifyAsync(Contender contender, int devices, ScrapeClient client, string path, byte[]? reference)
    {
        var plain = await client.FetchAsync(path, AcceptEncoding.Identity);
        var gzip = await client.FetchAsync(path, AcceptEncoding.Gzip);
        Fail(plain.ContentEncoding.Length > 0, $"{contender} {path} was encoded ({plain.ContentEncoding}) though not asked to be");
        Fail(gzip.ContentEncoding != "gzip",
            $"{contender} {path} answered Content-Encoding '{gzip.ContentEncoding}' to Accept-Encoding: gzip");
        var samples = SampleLines(plain.Body);
        int expected = reference is null ? samples.Count : SampleLines(reference).Count;
        int unzipped = SampleLines(Gunzip(gzip.Body)).Count;
        Console.WriteLine(
            $"// {contender,-13} {path} {devices,7} devices: {plain.Body.Length,11:N0} B plain, {gzip.Body.Length,10:N0} B gzip "
            + $"({(double)gzip.Body.Length / plain.Body.Length:P1}), {samples.Count:N0} samples (exporter {expected:N0}), "
            + plain.ContentType);
        Fail(unzipped != samples.Count, $"{contender} {path}: {unzipped} samples gzipped, {samples.Count} plain");
        if (contender == Contender.OpenTelemetry && path == ScrapePaths.Devices)
        {
            foreach (var line in samples.Where(l => !l.StartsWith("metaaccess_device_", StringComparison.Ordinal)))
                Console.WriteLine($"//   not the exporter's: {line}");
            int extra = samples.Count - expected;
            Fail(extra is < 0 or > OpenTelemetryExtraSamples,
                $"{contender} serves {samples.Count} samples where the exporter serves {expected}");
        }
        else
        {
            Fail(samples.Count != expected, $"{contender} {path} serves {samples.Count} samples where the exporter serves {expected}");
        }
    }

    /// <summary>Lines that are neither empty nor a comment (HELP, TYPE, UNIT, EOF).</summary>
    public static List<string> SampleLines(byte[] exposition) =>
        Encoding.UTF8.GetString(exposition).Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();

    private static byte[] Gunzip(byte[] body)
    {
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
            gzip.CopyTo(plain);
        return plain.ToArray();
    }

    private static void Fail(bool failed, string why)
    {
        if (failed)
            throw new InvalidOperationException("Side-by-side setup: " + why);
    }
}
