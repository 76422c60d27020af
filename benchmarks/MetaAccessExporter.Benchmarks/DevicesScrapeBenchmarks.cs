using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 2. A <c>/metrics/devices</c> scrape: pre-rendered bytes copied family by family. Linear in devices.
/// <see cref="ResponsePipe"/> is what the endpoint does (since 746fbb0: straight into the response's
/// pipe of pooled 4 KiB blocks, flushed once); <see cref="GrowingBuffer"/> is what it did before (a new
/// 64 KiB array that doubles as it fills); <see cref="ReusedBuffer"/> leaves only the copying.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class DevicesScrapeBenchmarks
{
    private Exporter _exporter = null!;
    private readonly ArrayBufferWriter<byte> _reused = new(64 * 1024);

    [Params(1_000, 10_000, 50_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _exporter = new Exporter(Devices);
        Console.WriteLine($"// /metrics/devices for {Devices} devices: {_exporter.Scrape(_exporter.DeviceSeries.WriteTo)} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _exporter.Dispose();

    [Benchmark(Baseline = true)]
    public int ResponsePipe() => _exporter.Scrape(_exporter.DeviceSeries.WriteTo);

    [Benchmark]
    public int GrowingBuffer() => Exporter.ScrapeInto(_exporter.DeviceSeries.WriteTo, new ArrayBufferWriter<byte>(64 * 1024));

    [Benchmark]
    public int ReusedBuffer()
    {
        _reused.ResetWrittenCount();
        return Exporter.ScrapeInto(_exporter.DeviceSeries.WriteTo, _reused);
    }
}
