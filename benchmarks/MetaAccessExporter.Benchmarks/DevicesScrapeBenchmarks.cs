using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 2. A <c>/metrics/devices</c> scrape: pre-rendered bytes copied family by family. Linear in devices.
/// <see cref="FreshBuffer"/> is what the endpoint does (a new 64 KiB buffer that doubles as it fills);
/// <see cref="ReusedBuffer"/> leaves only the copying, to show what the buffer growth costs.
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
        Console.WriteLine($"// /metrics/devices for {Devices} devices: {Exporter.Scrape(_exporter.DeviceSeries.WriteTo)} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _exporter.Dispose();

    [Benchmark(Baseline = true)]
    public int FreshBuffer() => Exporter.Scrape(_exporter.DeviceSeries.WriteTo);

    [Benchmark]
    public int ReusedBuffer()
    {
        _reused.ResetWrittenCount();
        return Exporter.Scrape(_exporter.DeviceSeries.WriteTo, _reused);
    }
}
