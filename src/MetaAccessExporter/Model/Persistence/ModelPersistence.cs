using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Model.Persistence;

/// <summary>
/// Restores the saved model before anything polls (it starts before the readers in the host's
/// order), saves it each time its checkpoint moves, and once more at shutdown after the readers
/// have stopped. Saving runs on its own loop, so a slow disk never holds a poll cycle up.
/// </summary>
public sealed class ModelPersistence(DeviceModel model, Completeness completeness, ModelStore store, ILogger<ModelPersistence> logger)
    : BackgroundService
{
    // Never disposed: a host may still be stopping this (and saving) while it disposes services,
    // and a SemaphoreSlim whose wait handle was never asked for holds nothing to release.
    private readonly SemaphoreSlim _moved = new(0);
    private readonly SemaphoreSlim _saving = new(1, 1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken).ConfigureAwait(false) is { } saved)
        {
            model.Restore(saved.Devices);
            completeness.Restore(saved.Checkpoint);
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
        try
        {
            while (true)
            {
                await _moved.WaitAsync(stoppingToken).ConfigureAwait(false);
                // Several moves while one save ran need only one more save.
                while (_moved.CurrentCount > 0)
                    await _moved.WaitAsync(stoppingToken).ConfigureAwait(false);
                await SaveAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes the model as it is now; a model that never completed a sync is not written.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!store.Enabled)
            return;
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The checkpoint first: devices read after it are at least as new as it says.
            if (completeness.Current is { } checkpoint)
                await store.SaveAsync(new SavedModel(checkpoint, model.ListDevices()), cancellationToken).ConfigureAwait(false);
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

    private void OnCheckpointMoved() => _moved.Release();
}
