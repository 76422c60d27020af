using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>
/// 6. The same fleet's per-device series scraped over loopback HTTP from four servers: the exporter, prometheus-net
/// gauges, OpenTelemetry's Prometheus exporter, and the exporter's answer written from one static buffer (the
/// baseline: Ratio is "times the cost of writing the bytes"). Plain and gzip scrapes (<see cref="Encoding"/>), all
/// behind the exporter's own response compression. Also the exporter's <c>/metrics</c>, which should stay flat.
/// Each benchmark case runs in its own process, so only the contender measured is set up (with its heap): another
/// contender's 100,000-device registry would slow every collection of the one being measured. Allocated counts the
/// whole process: server and client.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7), GcServer(true)]
[MemoryDiagnoser, MedianColumn, CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class ScrapeSideBySideBenchmarks
{
    private ScrapeServer? _server;
    private ScrapeClient? _client;

    [Params(1_000, 10_000, 100_000)]
    public int Devices { get; set; }

    [ParamsAllValues]
    public AcceptEncoding Encoding { get; set; }

    [GlobalSetup(Target = nameof(StaticBuffer))]
    public Task SetupStaticBuffer() => StartAsync(Contender.StaticBuffer);

    [GlobalSetup(Targets = [nameof(Exporter), nameof(ExporterMetrics)])]
    public Task SetupExporter() => StartAsync(Contender.Exporter);

    [GlobalSetup(Target = nameof(PrometheusNet))]
    public Task SetupPrometheusNet() => StartAsync(Contender.PrometheusNet);

    [GlobalSetup(Target = nameof(OpenTelemetry))]
    public Task SetupOpenTelemetry() => StartAsync(Contender.OpenTelemetry);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(ScrapePaths.Devices)]
    public Task<long> StaticBuffer() => _client!.ScrapeAsync(ScrapePaths.Devices, Encoding);

    [Benchmark, BenchmarkCategory(ScrapePaths.Devices)]
    public Task<long> Exporter() => _client!.ScrapeAsync(ScrapePaths.Devices, Encoding);

    [Benchmark, BenchmarkCategory(ScrapePaths.Devices)]
    public Task<long> PrometheusNet() => _client!.ScrapeAsync(ScrapePaths.Devices, Encoding);

    [Benchmark, BenchmarkCategory(ScrapePaths.Devices)]
    public Task<long> OpenTelemetry() => _client!.ScrapeAsync(ScrapePaths.Devices, Encoding);

    [Benchmark, BenchmarkCategory(ScrapePaths.Metrics)]
    public Task<long> ExporterMetrics() => _client!.ScrapeAsync(ScrapePaths.Metrics, Encoding);

    /// <summary>
    /// Serves the exporter's answer once to take the reference (the static buffer's bytes, the sample count every
    /// contender must match), then starts the contender alone and checks its answers.
    /// </summary>
    private async Task StartAsync(Contender contender)
    {
        byte[] reference, referenceGzip;
        await using (var exporter = await ExporterContender.StartAsync(Devices))
        {
            using var client = new ScrapeClient(exporter.Address);
            reference = (await client.FetchAsync(ScrapePaths.Devices, AcceptEncoding.Identity)).Body;
            referenceGzip = (await client.FetchAsync(ScrapePaths.Devices, AcceptEncoding.Gzip)).Body;
        }
        _server = contender switch
        {
            Contender.StaticBuffer => await StaticBufferContender.StartAsync(reference, referenceGzip),
            Contender.Exporter => await ExporterContender.StartAsync(Devices),
            Contender.PrometheusNet => await PrometheusNetContender.StartAsync(Devices),
            Contender.OpenTelemetry => await OpenTelemetryContender.StartAsync(Devices),
            _ => throw new ArgumentOutOfRangeException(nameof(contender)),
        };
        _client = new ScrapeClient(_server.Address);
        await AnswerCheck.VerifyAsync(contender, Devices, _client, ScrapePaths.Devices, reference);
        if (contender == Contender.Exporter)
            await AnswerCheck.VerifyAsync(contender, Devices, _client, ScrapePaths.Metrics, reference: null);
    }
}
