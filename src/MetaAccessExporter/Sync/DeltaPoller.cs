using MetaAccessExporter.Api;
using MetaAccessExporter.Model;
using MetaAccessExporter.Model.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace MetaAccessExporter.Sync;

/// <summary>
/// The poll loop: restore the saved model, then one delta cycle every <c>PollInterval</c>. A failed
/// cycle is retried with jittered exponential backoff from the same window start (the watermark only
/// moves when a cycle completes), so nothing is counted complete that was not read. After each completed cycle and at shutdown the model is saved.
/// </summary>
public sealed class DeltaPoller(
    PageWalk walk,
    DeviceModel model,
    ModelStore store,
    SyncHealth health,
    MetaAccessOptions options,
    TimeProvider time,
    ILogger<DeltaPoller> logger) : BackgroundService
{
    private SyncCheckpoint? _checkpoint;
    private bool _failing;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RestoreAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await SaveAsync(CancellationToken.None).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = RetryPipeline();
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                await retry.ExecuteAsync(static async (self, ct) => await self.RunCycleAsync(ct).ConfigureAwait(false), this, stoppingToken).ConfigureAwait(false);
                await SaveAsync(stoppingToken).ConfigureAwait(false);
                var next = started + options.PollInterval - time.GetUtcNow();
                if (next > TimeSpan.Zero)
                    await Task.Delay(next, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The retry handles every failure of a cycle; this only guards the loop itself (saving, waiting).
                Log.PollLoopFault(logger, ex);
                await Task.Delay(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One poll cycle: fix the window, walk it, and only then move the watermark.</summary>
    internal async Task RunCycleAsync(CancellationToken cancellationToken)
    {
        var cycleStart = time.GetUtcNow();
        health.Update(s => s with { LastPollStarted = cycleStart });
        var window = WindowFor(cycleStart, out bool fullWindow);
        try
        {
            var result = await walk.ReadAsync(window, options.PageSize, cancellationToken).ConfigureAwait(false);
            var ended = time.GetUtcNow();
            // A full window leaves nothing unread that the API still knows; a narrower one only
            // keeps the model complete if it already was.
            bool gap = !fullWindow && (_checkpoint?.Gap ?? true);
            _checkpoint = new SyncCheckpoint(cycleStart, gap);
            health.Update(s => s with
            {
                Up = true, Ready = true, Watermark = cycleStart, Gap = gap, LastSuccessfulSync = ended,
                LastPollDuration = ended - cycleStart, LastError = null, SuccessfulCycles = s.SuccessfulCycles + 1,
            });
            if (_failing)
                Log.SyncRecovered(logger, result.Pages, result.Upserts, result.Deletions);
            else
                Log.CycleCompleted(logger, result.Pages, result.Upserts, result.Deletions, window.AgeSecondsAt(cycleStart));
            _failing = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = UrlRedactor.Redact(ex.Message);
            health.Update(s => s with
            {
                Up = false, LastError = message, LastPollDuration = time.GetUtcNow() - cycleStart, FailedCycles = s.FailedCycles + 1,
            });
            // One line when sync breaks, one when it recovers; the failures between are counted, not logged.
            if (!_failing)
                Log.SyncFailing(logger, message);
            else
                Log.CycleFailed(logger, message);
            _failing = true;
            throw;
        }
    }

    private DeltaWindow WindowFor(DateTimeOffset now, out bool full)
    {
        if (_checkpoint is null)
        {
            full = true;
            return DeltaWindow.Full(now);
        }
        var window = DeltaWindow.After(_checkpoint.Watermark, options.SyncOverlap);
        full = window.ExceedsApiReach(now);
        if (!full)
            return window;
        if (!health.Current.Gap)
            Log.SyncGapOpened(logger, _checkpoint.Watermark, DeltaWindow.ApiReach);
        _checkpoint = _checkpoint with { Gap = true };
        health.Update(s => s with { Gap = true });
        return DeltaWindow.Full(now);
    }

    private ResiliencePipeline RetryPipeline() => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            // Only our own shutdown ends the retries; any other cancellation is a failed cycle.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                && !(ex is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(5),
            MaxDelay = options.PollInterval > TimeSpan.FromSeconds(5) ? options.PollInterval : TimeSpan.FromSeconds(5),
        })
        .Build();

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var state = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (state is null)
            return;
        model.ReplaceAll(state.Devices);
        var watermark = state.Watermark!.Value;
        _checkpoint = new SyncCheckpoint(watermark, state.Gap);
        bool gap = state.Gap || DeltaWindow.After(watermark, options.SyncOverlap).ExceedsApiReach(time.GetUtcNow());
        if (gap && !state.Gap)
            Log.SyncGapOpened(logger, watermark, DeltaWindow.ApiReach);
        health.Update(s => s with { Ready = true, Restored = true, Watermark = watermark, Gap = gap });
        Log.StateRestored(logger, state.Devices.Count, state.Watermark);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!store.Enabled || _checkpoint is null)
            return;
        try
        {
            var state = new StateFile(StateFile.FormatName, StateFile.CurrentVersion, options.Account, time.GetUtcNow(),
                _checkpoint.Watermark, _checkpoint.Gap, model.ListDevices());
            await store.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.StateNotSaved(logger, store.FilePath!, ex.Message);
        }
    }
}
