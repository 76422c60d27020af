using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MetaAccessExporter.Model;
using MetaAccessExporter.Model.Persistence;
using MetaAccessExporter.StateFiles;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 6. Saving and restoring the model: format version 1 (JSON, model.json) against version 2 (binary,
/// model.bin), each written as the exporter writes (temp file, flush to disk, rename) and read back with
/// every check a start makes. Both go to a temporary directory, so the disk under it is part of the
/// numbers; the file sizes are printed at setup.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory), CategoriesColumn]
public class PersistenceBenchmarks
{
    private const string Account = "prod";
    private SavedModel _model = null!;
    private string _root = null!;
    private string _version1File = null!;
    private ModelStore _version1Store = null!;
    private ModelStore _version2Store = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new SavedModel(new SyncCheckpoint(Fleet.Now, Gap: false), Fleet.Devices(Devices));
        _root = Directory.CreateTempSubdirectory("metaaccess-persistence-").FullName;
        // Each format in a directory of its own: saving version 2 removes a version-1 file beside it.
        _version1Store = new ModelStore(Path.Combine(_root, "v1"), Account, TimeProvider.System, NullLogger<ModelStore>.Instance);
        _version2Store = new ModelStore(Path.Combine(_root, "v2"), Account, TimeProvider.System, NullLogger<ModelStore>.Instance);
        _version1File = Path.Combine(_root, "v1", ModelStore.Version1FileName);
        SaveVersion1().GetAwaiter().GetResult();
        SaveVersion2().GetAwaiter().GetResult();
        long v1 = new FileInfo(_version1File).Length, v2 = new FileInfo(_version2Store.FilePath!).Length;
        Console.WriteLine($"// {Devices} devices: version 1 {v1:N0} bytes ({v1 / Devices} a device), "
            + $"version 2 {v2:N0} bytes ({v2 / Devices} a device), {(double)v1 / v2:0.0} times smaller");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true), BenchmarkCategory("Save")]
    public Task SaveVersion1() =>
        PrivateFile.WriteAtomicallyAsync(_version1File, JsonStateFile.Write(_model, Account, Fleet.Now), CancellationToken.None);

    [Benchmark, BenchmarkCategory("Save")]
    public Task SaveVersion2() => _version2Store.SaveAsync(_model, CancellationToken.None);

    [Benchmark(Baseline = true), BenchmarkCategory("Load")]
    public Task<SavedModel?> LoadVersion1() => _version1Store.LoadAsync(CancellationToken.None);

    [Benchmark, BenchmarkCategory("Load")]
    public Task<SavedModel?> LoadVersion2() => _version2Store.LoadAsync(CancellationToken.None);
}
