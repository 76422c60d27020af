using MetaAccessExporter.Model;
using MetaAccessExporter.Model.Persistence;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Tests.Model.Persistence;

/// <summary>
/// When the model is written: on change, at most every <c>Exporter:SaveInterval</c>, and at shutdown. Each step of the
/// clock waits until the save loop is parked on its next interval again, so a save that did not happen did not happen.
/// </summary>
public sealed class ModelPersistenceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private readonly string _state = Directory.CreateTempSubdirectory("metaaccess-state-").FullName;
    private readonly TimerCountingClock _time = new(T0);
    private readonly CapturedLogs _logs = new();

    private int Saves => _logs.Lines.Count(l => l.Contains("Saved the model", StringComparison.Ordinal));

    [Fact]
    public async Task The_first_checkpoint_of_a_fresh_start_is_saved_at_once()
    {
        var (model, completeness, persistence, store) = Persistence();
        await persistence.StartAsync(CancellationToken.None);
        model.Apply([Devices.Make("a"), Devices.Make("b")], []);

        completeness.Watched(T0);
        await _time.UntilWaitingAsync();

        Saves.Should().Be(1, _logs.All);
        (await store.LoadAsync(CancellationToken.None))!.Devices.Should().HaveCount(2);
        await persistence.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_model_that_changes_every_cycle_is_saved_at_most_once_per_SaveInterval()
    {
        var (model, completeness, persistence, _) = await StartedAndSavedOnceAsync();

        for (int minute = 1; minute <= 12; minute++)
        {
            model.Apply([Devices.Make($"d{minute}")], []);
            completeness.Watched(_time.GetUtcNow());
            await _time.StepAsync(TimeSpan.FromMinutes(1));
            Saves.Should().Be(1 + minute / 5, $"after {minute} minutes of one cycle a minute");
        }
        await persistence.StopAsync(CancellationToken.None);
        Saves.Should().Be(4, "what changed since the last interval is saved at shutdown");
    }

    [Fact]
    public async Task A_model_nothing_changed_in_is_not_written_again_over_several_intervals_nor_at_shutdown()
    {
        var (_, _, persistence, _) = await StartedAndSavedOnceAsync();

        await _time.StepAsync(Interval * 3);
        await _time.StepAsync(Interval);
        await persistence.StopAsync(CancellationToken.None);

        Saves.Should().Be(1);
    }

    [Fact]
    public async Task A_changed_device_is_saved_by_the_next_interval()
    {
        var (model, _, persistence, store) = await StartedAndSavedOnceAsync();

        await _time.StepAsync(TimeSpan.FromMinutes(2));
        model.Apply([Devices.Make("a", status: "non_compliant")], []);
        await _time.StepAsync(TimeSpan.FromMinutes(2));
        Saves.Should().Be(1, "the interval has not come round");
        await _time.StepAsync(TimeSpan.FromMinutes(1));

        Saves.Should().Be(2);
        (await store.LoadAsync(CancellationToken.None))!.Devices.Single(d => d.Id == "a").Status.Should().Be("non_compliant");
        await persistence.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_moved_checkpoint_alone_is_saved_by_the_next_interval()
    {
        var (_, completeness, persistence, store) = await StartedAndSavedOnceAsync();

        completeness.Watched(T0.AddMinutes(1));
        await _time.StepAsync(Interval);

        Saves.Should().Be(2);
        (await store.LoadAsync(CancellationToken.None))!.Checkpoint.Watermark.Should().Be(T0.AddMinutes(1));
        await persistence.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Shutdown_saves_the_latest_devices_and_a_new_start_restores_them_with_the_checkpoint()
    {
        var (model, completeness, persistence, _) = Persistence();
        await persistence.StartAsync(CancellationToken.None);
        completeness.Watched(T0);
        await _time.UntilWaitingAsync();
        model.Apply([Devices.Make("late")], []);

        await persistence.StopAsync(CancellationToken.None);
        var (restored, restoredCompleteness, again, _) = Persistence();
        await again.StartAsync(CancellationToken.None);
        await again.StopAsync(CancellationToken.None);

        restored.ListDevices().Select(d => d.Id).Should().Equal("late");
        restoredCompleteness.Current.Should().Be(new SyncCheckpoint(T0, Gap: true), "no pass listed the fleet yet: the gap is kept");
        Saves.Should().Be(2, "the restored model is the file it came from: nothing to write again");
    }

    [Fact]
    public async Task A_restored_model_that_did_not_change_is_not_written_again()
    {
        var (model, completeness, persistence, store) = Persistence();
        model.Apply([Devices.Make("a")], []);
        completeness.Watched(T0);
        await persistence.StopAsync(CancellationToken.None);
        var written = File.GetLastWriteTimeUtc(store.FilePath!);
        File.SetLastWriteTimeUtc(store.FilePath!, written.AddDays(-1));

        var (_, _, again, _) = Persistence();
        await again.StartAsync(CancellationToken.None);
        await _time.StepAsync(Interval);
        await _time.StepAsync(Interval);
        await again.StopAsync(CancellationToken.None);

        File.GetLastWriteTimeUtc(store.FilePath!).Should().Be(written.AddDays(-1), "the file was not rewritten");
        Saves.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_save_is_logged_and_tried_again_at_the_next_interval()
    {
        // A file where the state directory should be: creating the directory fails until it is gone.
        var blocked = Path.Combine(_state, "blocked");
        await File.WriteAllTextAsync(blocked, "");
        var (_, completeness, persistence, store) = Persistence(blocked);
        await persistence.StartAsync(CancellationToken.None);
        completeness.Watched(T0);
        await _time.UntilWaitingAsync();
        _logs.All.Should().Contain("Could not save the model");

        File.Delete(blocked);
        await _time.StepAsync(Interval);

        Saves.Should().Be(1);
        (await store.LoadAsync(CancellationToken.None)).Should().NotBeNull();
        await persistence.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_model_that_never_completed_a_sync_is_not_written()
    {
        var (model, _, persistence, store) = Persistence();
        await persistence.StartAsync(CancellationToken.None);
        model.Apply([Devices.Make("half-read")], []);

        await _time.StepAsync(Interval, timers: 0);
        await persistence.StopAsync(CancellationToken.None);

        File.Exists(store.FilePath).Should().BeFalse("a partial first walk is not a model to restore");
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private async Task<(DeviceModel Model, Completeness Completeness, ModelPersistence Persistence, ModelStore Store)>
        StartedAndSavedOnceAsync()
    {
        var started = Persistence();
        await started.Persistence.StartAsync(CancellationToken.None);
        started.Model.Apply([Devices.Make("a")], []);
        started.Completeness.Watched(T0);
        await _time.UntilWaitingAsync();
        Saves.Should().Be(1, "the first checkpoint is saved at once");
        return started;
    }

    private (DeviceModel Model, Completeness Completeness, ModelPersistence Persistence, ModelStore Store) Persistence(
        string? state = null)
    {
        var logs = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        var model = new DeviceModel(StaleThreshold.ParseList("1d"), [], _time);
        var completeness = new Completeness();
        var store = new ModelStore(state ?? _state, "acme", _time, logs.CreateLogger<ModelStore>());
        var options = new ExporterOptions { SaveInterval = Interval };
        return (model, completeness,
            new ModelPersistence(model, completeness, store, options, _time, logs.CreateLogger<ModelPersistence>()), store);
    }
}
