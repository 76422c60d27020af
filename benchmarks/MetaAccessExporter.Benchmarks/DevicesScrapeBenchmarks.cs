using BenchmarkDotNet.Attributes;
using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 2. A <c>/metrics/devices</c> scrape in process: the cache's pre-rendered chunks, plain and gzip,
/// copied into the response pipe as the endpoint does, against the same bytes from one static buffer
/// (the floor: nothing but the copy). <c>FirstScrapeAfterAPage</c> adds the re-rendering a scrape pays
/// after a page of 50 changed devices. Over HTTP, beside other libraries: <c>ScrapeSideBySideBenchmarks</c>.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class DevicesScrapeBenchmarks
{
    private Exporter _exporter = null!;
    private PageCycle _pages = null!;
    private ReadOnlyMemory<byte>[] _static = [];
    private ReadOnlyMemory<byte>[] _staticGzip = [];

    [Params(1_000, 10_000, 100_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _exporter = new Exporter(Devices);
        _pages = Fleet.Pages(_exporter.Devices);
        var answer = _exporter.DeviceSeries.Answer(ExpositionFormat.PrometheusText);
        _static = [answer.Chunks(gzip: false).SelectMany(c => c.ToArray()).ToArray()];
        _staticGzip = [answer.Chunks(gzip: true).SelectMany(c => c.ToArray()).ToArray()];
        Console.WriteLine($"// /metrics/devices for {Devices} devices: {answer.PlainLength} bytes, {answer.GzipLength} gzip");
    }

    [GlobalCleanup]
    public void Cleanup() => _exporter.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("plain")]
    public int StaticBuffer() => _exporter.Response.Send(_static);

    [Benchmark, BenchmarkCategory("plain")]
    public int Chunks() => _exporter.ScrapeDevices(gzip: false);

    [Benchmark, BenchmarkCategory("plain")]
    public int FirstScrapeAfterAPage()
    {
        _exporter.Model.Apply(_pages.Next(), []);
        return _exporter.ScrapeDevices(gzip: false);
    }

    [Benchmark, BenchmarkCategory("gzip")]
    public int StaticGzipBuffer() => _exporter.Response.Send(_staticGzip);

    [Benchmark, BenchmarkCategory("gzip")]
    public int GzipChunks() => _exporter.ScrapeDevices(gzip: true);

    [Benchmark, BenchmarkCategory("gzip")]
    public int FirstGzipScrapeAfterAPage()
    {
        _exporter.Model.Apply(_pages.Next(), []);
        return _exporter.ScrapeDevices(gzip: true);
    }
}
