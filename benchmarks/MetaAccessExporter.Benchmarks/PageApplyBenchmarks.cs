using BenchmarkDotNet.Attributes;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 3. The poller's cost per page: 50 changed devices applied to a model of N devices, with the
/// aggregates, the staleness queue and the per-device series cache updated as in the exporter.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class PageApplyBenchmarks
{
    private Exporter _exporter = null!;
    private PageCycle _pages = null!;

    [Params(1_000, 10_000, 50_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _exporter = new Exporter(Devices);
        _pages = Fleet.Pages(_exporter.Devices);
    }

    [GlobalCleanup]
    public void Cleanup() => _exporter.Dispose();

    [Benchmark]
    public void ApplyPageOf50() => _exporter.Model.Apply(_pages.Next(), []);
}
