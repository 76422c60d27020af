using BenchmarkDotNet.Attributes;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 1. A <c>/metrics</c> scrape: a snapshot of the aggregates under the model's lock, then the family
/// tables, then prometheus-net's process families. Its cost should follow the number of series
/// (groups × statuses × severities, categories), not the number of devices.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class MetricsScrapeBenchmarks
{
    private Exporter _exporter = null!;

    [Params(1_000, 10_000, 50_000, 100_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _exporter = new Exporter(Devices);
        Console.WriteLine($"// /metrics for {Devices} devices: {_exporter.ScrapeMetricsAsync().GetAwaiter().GetResult()} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _exporter.Dispose();

    [Benchmark]
    public Task<int> Metrics() => _exporter.ScrapeMetricsAsync();
}
