using BenchmarkDotNet.Attributes;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 1. A <c>/metrics</c> scrape: a snapshot of the aggregates under the model's lock, then the family
/// tables. Its cost should follow the number of series (groups × statuses × severities, categories),
/// not the number of devices.
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
        Console.WriteLine($"// /metrics for {Devices} devices: {_exporter.Scrape(_exporter.Metrics.WriteTo)} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _exporter.Dispose();

    [Benchmark]
    public int Metrics() => _exporter.Scrape(_exporter.Metrics.WriteTo);
}
