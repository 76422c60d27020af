using BenchmarkDotNet.Attributes;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 1b. A <c>/metrics</c> scrape of 10,000 devices spread over 10, 1,000 or 10,000 groups, with the default
/// <c>Exporter:MaxLabelValues</c> (500: past it the groups are ranked and folded into "other" at every
/// scrape) and with a cap above every group count (nothing folded). Its cost should follow the groups,
/// not the devices, and with the cap the answer should stop growing at 500 groups.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class ManyGroupsScrapeBenchmarks
{
    private Exporter _exporter = null!;

    [Params(10, 1_000, 10_000)]
    public int Groups { get; set; }

    [Params(500, 100_000)]
    public int MaxLabelValues { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _exporter = new Exporter(10_000, Groups, MaxLabelValues);
        Console.WriteLine($"// /metrics for 10,000 devices in {Groups} groups, at most {MaxLabelValues}: "
            + $"{_exporter.Scrape(_exporter.Metrics.WriteTo)} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _exporter.Dispose();

    [Benchmark]
    public int Metrics() => _exporter.Scrape(_exporter.Metrics.WriteTo);
}
