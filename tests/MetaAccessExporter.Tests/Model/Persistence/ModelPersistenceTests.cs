using MetaAccessExporter.Model;
using MetaAccessExporter.Model.Persistence;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Model.Persistence;

public sealed class ModelPersistenceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _state = Directory.CreateTempSubdirectory("metaaccess-state-").FullName;
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public async Task The_model_is_saved_when_its_checkpoint_moves_without_waiting_for_shutdown()
    {
        var (model, completeness, persistence, store) = Persistence();
        await persistence.StartAsync(CancellationToken.None);
        model.Apply([Devices.Make("a"), Devices.Make("b")], []);

        completeness.Watched(T0);

        await Eventually.Async(async () => (await store.LoadAsync(CancellationToken.None))?.Devices.Count == 2,
            TimeSpan.FromSeconds(10), "the model saved after its checkpoint moved");
        await persistence.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Shutdown_saves_the_latest_devices_and_a_new_start_restores_them_with_the_checkpoint()
    {
        var (model, completeness, persistence, _) = Persistence();
        await persistence.StartAsync(CancellationToken.None);
        completeness.Watched(T0);
        model.Apply([Devices.Make("late")], []);

        await persistence.StopAsync(CancellationToken.None);
        var (restored, restoredCompleteness, again, _) = Persistence();
        await again.StartAsync(CancellationToken.None);
        await again.StopAsync(CancellationToken.None);

        restored.ListDevices().Select(d => d.Id).Should().Equal("late");
        restoredCompleteness.Current.Should().Be(new SyncCheckpoint(T0, Gap: true), "no pass listed the fleet yet: the gap is kept");
    }

    [Fact]
    public async Task A_model_that_never_completed_a_sync_is_not_written()
    {
        var (model, _, persistence, store) = Persistence();
        await persistence.StartAsync(CancellationToken.None);
        model.Apply([Devices.Make("half-read")], []);

        await persistence.StopAsync(CancellationToken.None);

        File.Exists(store.FilePath).Should().BeFalse("a partial first walk is not a model to restore");
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private (DeviceModel Model, Completeness Completeness, ModelPersistence Persistence, ModelStore Store) Persistence()
    {
        var model = new DeviceModel(StaleThreshold.ParseList("1d"), [], _time);
        var completeness = new Completeness();
        var store = new ModelStore(_state, "acme", _time, NullLogger<ModelStore>.Instance);
        return (model, completeness, new ModelPersistence(model, completeness, store, NullLogger<ModelPersistence>.Instance), store);
    }
}
