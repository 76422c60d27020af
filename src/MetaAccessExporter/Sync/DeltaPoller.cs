using MetaAccessExporter.Api;
using MetaAccessExporter.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace MetaAccessExporter.Sync;

/// <summary>
/// The poll loop: one delta cycle every <c>PollInterval</c>, continuing from the model's checkpoint
/// (restored from disk before this starts, or none). A failed cycle is retried with jittered
/// exponential backoff from the same window start (the watermark only moves when a cycle
/// completes), so nothing is counted complete that was not read.
/// </summary>
public sealed class DeltaPoller(
    PageWalk walk,
    DeviceModel model,
    SyncHealth health,
    MetaAccessOptions options,
    TimeProvider time,
    ILogger<DeltaPoller> logger) : BackgroundService
{
    private bool _failing;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // A restored model that is older than the API remembers has missed changes: say so at once.
        if (model.Checkpoint is { Gap: false } restored && WindowAfter(restored).ExceedsApiReach(time.GetUtcNow()))
            OpenGap(restored);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = RetryPipeline();
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                await retry.ExecuteAsync(static async (self, ct) => await self.RunCycleAsync(ct).ConfigureAwait(false), this, stoppingToken)
                    .ConfigureAwait(false);
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
                // The retry handles every failure of a cycle; this only guards the loop itself (waiting).
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
            bool gap = !fullWindow && (model.Checkpoint?.Gap ?? true);
            model.MoveCheckpoint(new SyncCheckpoint(cycleStart, gap));
            health.Update(s => s with
            {
                Up = true, LastSuccessfulSync = ended, LastPollDuration = ended - cycleStart, LastError = null,
                SuccessfulCycles = s.SuccessfulCycles + 1,
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
        if (model.Checkpoint is not { } checkpoint)
        {
            full = true;
            return DeltaWindow.Full(now);
        }
        var window = WindowAfter(checkpoint);
        full = window.ExceedsApiReach(now);
        if (!full)
            return window;
        if (!checkpoint.Gap)
            OpenGap(checkpoint);
        return DeltaWindow.Full(now);
    }

    private DeltaWindow WindowAfter(SyncCheckpoint checkpoint) => DeltaWindow.After(checkpoint.Watermark, options.SyncOverlap);

    private void OpenGap(SyncCheckpoint checkpoint)
    {
        Log.SyncGapOpened(logger, checkpoint.Watermark, DeltaWindow.ApiReach);
        model.MoveCheckpoint(checkpoint with { Gap = true });
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
}
