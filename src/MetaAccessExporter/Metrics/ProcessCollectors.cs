using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// The <c>process_*</c> and <c>dotnet_*</c> families of <c>/metrics</c>, from prometheus-net's collectors: its
/// <c>DotNetStats</c>, and where <c>/proc</c> can be read the three families of the Go client's process collector
/// that <c>DotNetStats</c> lacks (<see cref="ProcfsStats"/>). They live in a registry of their own: the first
/// collection of prometheus-net's default registry would also start its EventCounter and Meter adapters, which
/// would export ASP.NET Core's instruments and our own <c>MetaAccessExporter</c> meter a second time.
/// Collected on demand, once per scrape; nothing runs between scrapes.
/// </summary>
public sealed class ProcessCollectors
{
    private static readonly byte[] OpenMetricsEnd = "# EOF\n"u8.ToArray();

    private readonly Prometheus.CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();

    public ProcessCollectors()
    {
        Prometheus.DotNetStats.Register(_registry);
        ProcfsStats.Register(_registry);
    }

    /// <summary>
    /// The families as text in <paramref name="format"/>, without the end marker prometheus-net writes in OpenMetrics:
    /// they go in the middle of <c>/metrics</c>, whose own end comes after them.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> CollectAsync(ExpositionFormat format, CancellationToken cancel)
    {
        var theirs = format == ExpositionFormat.OpenMetrics
            ? Prometheus.ExpositionFormat.OpenMetricsText
            : Prometheus.ExpositionFormat.PrometheusText;
        using var text = new MemoryStream(capacity: 4096);
        await _registry.CollectAndExportAsTextAsync(text, theirs, cancel).ConfigureAwait(false);
        var written = text.GetBuffer().AsMemory(0, (int)text.Length);
        return written.Span.EndsWith(OpenMetricsEnd) ? written[..^OpenMetricsEnd.Length] : written;
    }
}
