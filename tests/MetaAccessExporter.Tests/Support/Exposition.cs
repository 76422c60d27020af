using System.Buffers;
using System.Text;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Tests.Support;

/// <summary>Renders scrapes as text and cuts them into what tests compare.</summary>
internal static class Exposition
{
    /// <summary>What a renderer writes, as the Prometheus text a scraper would read.</summary>
    public static string Render(Action<ExpositionWriter> render)
    {
        var buffer = new ArrayBufferWriter<byte>();
        render(new ExpositionWriter(buffer, ExpositionFormat.PrometheusText));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The cache's plain answer, as the Prometheus text a scraper would read.</summary>
    public static string Render(DeviceSeriesCache devices, ExpositionFormat format = ExpositionFormat.PrometheusText)
    {
        var bytes = devices.Answer(format).Chunks(gzip: false).SelectMany(c => c.ToArray()).ToArray();
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The HELP, TYPE and sample lines of one family, as scraped.</summary>
    public static string Family(string scrape, string name)
    {
        var lines = scrape.Split('\n').Where(l =>
            l.StartsWith($"# HELP {name} ", StringComparison.Ordinal) || l.StartsWith($"# TYPE {name} ", StringComparison.Ordinal)
            || l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>
    /// Expected exposition text as a test writes it: a line ending in <c>,</c> goes on with the next line
    /// (its indentation dropped), which no real exposition line does, so long series stay readable.
    /// </summary>
    public static string Unwrap(string wrapped)
    {
        var lines = new List<string>();
        bool continued = false;
        foreach (var line in wrapped.ReplaceLineEndings("\n").Split('\n'))
        {
            if (continued)
                lines[^1] += line.TrimStart();
            else
                lines.Add(line);
            continued = line.EndsWith(',');
        }
        return string.Join('\n', lines);
    }
}
