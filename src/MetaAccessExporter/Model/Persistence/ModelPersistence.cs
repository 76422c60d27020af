using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Model.Persistence;

/// <summary>
/// Restores the saved model before anything polls (it starts before the readers in the host's order), then
/// saves it when it changed (its change count or its checkpoint moved), at most every <c>Exporter:SaveInterval</c>,
/// and once more at shutdown after the readers have stopped. A model the feed leaves idle is not written again;
/// the first checkpoint of a fresh start is written at once, as nothing is on disk yet. A failed save is logged
/// and tried again at the next interval. Saving runs on its own loop, so a slow disk never holds a poll cycle up.
/// </summary>
/// <remarks>
/// Why a crash loses nothing the delta feed cannot give back: a save takes the checkpoint first and copies the
/// devices after, so the devices are at least as new as the watermark says. The file on disk is at most one
/// interval (and one save) behind the model, so after a crash the restored watermark is that old, and the first
/// delta cycle reads the feed from it (less <c>MetaAccess:SyncOverlap</c>): every change since comes back, the
/// feed reaching 24 hours back where the interval is 5 minutes by default. Were the watermark older than the feed
/// reaches, the delta poller opens a gap and an inventory pass lists the fleet again. What a crash can cost is
/// budget, never correctness: device details and inventory progress since the last save are read again, and a
/// gap an inventory pass closed after it stays open in the file, so a pass runs again.
/// </remarks>
public sealed class ModelPersistence(
    DeviceModel model,
    Completeness completeness,
    ModelStore store,
    ExporterOptions options,
    TimeProvider time,
    ILogger<ModelPersistence> logger) : BackgroundService
{
    private readonly TaskCompletionSource _firstCheckpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Never disposed: a host may still be stopping this (and saving) while it disposes services, and a
    // SemaphoreSlim whose wait handle was never asked for holds nothing to release.
    private readonly SemaphoreSlim _saving = new(1, 1);
    // What the file on disk holds, compared with the model before each save; guarded by _saving.
    private SyncCheckpoint? _savedCheckpoint;
    private long _savedChanges;
    // When the last save was tried (or the model restored); null while nothing is on disk. Only the loop reads it.
    private long? _lastSave;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken).ConfigureAwait(false) is { } saved)
        {
            model.Restore(saved.Devices);
            completeness.Restore(saved.Checkpoint);
            // The file it came from holds this model: nothing to save until it changes.
            (_savedCheckpoint, _savedChanges, _lastSave) = (saved.Checkpoint, model.Changes, time.GetTimestamp());
            Log.StateRestored(logger, saved.Devices.Count, saved.Checkpoint.Watermark);
        }
        completeness.Moved += OnCheckpointMoved;
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        completeness.Moved -= OnCheckpointMoved;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await SaveAsync(CancellationToken.None).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!store.Enabled)
            return;
        try
        {
            while (true)
            {
                await UntilDueAsync(stoppingToken).ConfigureAwait(false);
                // Counted from the start of a save, like the pollers' intervals, so a slow disk does not stretch them.
                _lastSave = time.GetTimestamp();
                await SaveAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes the model if it changed since the last save; a model that never completed a sync is not written.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!store.Enabled)
            return;
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Both before the copy: the devices are at least as new as the checkpoint says, and a change made
            // while they are copied counts as unsaved (written again next time) rather than as saved.
            var checkpoint = completeness.Current;
            long changes = model.Changes;
            if (checkpoint is null || (checkpoint == _savedCheckpoint && changes == _savedChanges))
                return;
            await store.SaveAsync(new SavedModel(checkpoint, model.ListDevices()), cancellationToken).ConfigureAwait(false);
            (_savedCheckpoint, _savedChanges) = (checkpoint, changes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.StateNotSaved(logger, store.FilePath!, ex.Message);
        }
        finally
        {
            _saving.Release();
        }
    }

    private Task UntilDueAsync(CancellationToken stoppingToken)
    {
        if (_lastSave is not { } last)
            return _firstCheckpoint.Task.WaitAsync(stoppingToken);
        var wait = options.SaveInterval - time.GetElapsedTime(last);
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, stoppingToken) : Task.CompletedTask;
    }

    private void OnCheckpointMoved() => _firstCheckpoint.TrySetResult();
}
