using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 4. "A scrape costs the same whatever the poller does": each endpoint scraped with the model idle;
/// with a writer thread applying pages of 50 changed devices back to back (WhilePolling, a worst
/// case); and with the writer resting 1 ms between pages (Paced, still ~100× the real poller, which
/// applies one page per API call, 10 a minute by default). Read the Ratio column against Idle.
/// Allocated counts the whole process, so it includes the writer's allocations.
/// </summary>
[ShortRunJob, MemoryDiagnoser, CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ScrapeUnderPollingBenchmarks
{
    private Exporter _exporter = null!;
    private PageCycle _pages = null!;
    private Thread? _writer;
    private volatile bool _stop;
    private long _applied;

    [Params(10_000, 50_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _exporter = new Exporter(Devices);
        _pages = Fleet.Pages(_exporter.Devices);
    }

    [GlobalSetup(Targets = [nameof(MetricsWhilePolling), nameof(DevicesWhilePolling)])]
    public void SetupTightWriter() => StartWriter(pause: 0);

    [GlobalSetup(Targets = [nameof(MetricsWhilePollingPaced), nameof(DevicesWhilePollingPaced)])]
    public void SetupPacedWriter() => StartWriter(pause: 1);

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _writer?.Join();
        if (_writer is not null)
            Console.WriteLine($"// writer applied {_applied} pages of {Fleet.PageSize}");
        _exporter.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("/metrics")]
    public int MetricsIdle() => _exporter.Scrape(_exporter.Metrics.WriteTo);

    [Benchmark, BenchmarkCategory("/metrics")]
    public int MetricsWhilePolling() => _exporter.Scrape(_exporter.Metrics.WriteTo);

    [Benchmark, BenchmarkCategory("/metrics")]
    public int MetricsWhilePollingPaced() => _exporter.Scrape(_exporter.Metrics.WriteTo);

    [Benchmark(Baseline = true), BenchmarkCategory("/metrics/devices")]
    public int DevicesIdle() => _exporter.ScrapeDevices(gzip: false);

    [Benchmark, BenchmarkCategory("/metrics/devices")]
    public int DevicesWhilePolling() => _exporter.ScrapeDevices(gzip: false);

    [Benchmark, BenchmarkCategory("/metrics/devices")]
    public int DevicesWhilePollingPaced() => _exporter.ScrapeDevices(gzip: false);

    private void StartWriter(int pause)
    {
        Setup();
        _writer = new Thread(() =>
        {
            while (!_stop)
            {
                _exporter.Model.Apply(_pages.Next(), []);
                _applied++;
                if (pause > 0)
                    Thread.Sleep(pause);
            }
        }) { IsBackground = true, Name = "poller" };
        _writer.Start();
    }
}
