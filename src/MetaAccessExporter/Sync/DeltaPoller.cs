using MetaAccessExporter.Api;
using MetaAccessExporter.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace MetaAccessExporter.Sync;

/// <summary>
/// The watch: one delta cycle every <c>PollInterval</c>, continuing from the model's checkpoint
/// (restored from disk before this starts) or, on a fresh start, from this start (the inventory lists
/// what came before). A failed cycle is retried with jittered exponential backoff from the same window
/// start (the watermark only moves when a cycle completes), so nothing is counted complete that was not
/// read. A window the API could stop reaching before the walk ends is shortened, and the gap it leaves
/// is the inventory's to fill.
/// </summary>
public sealed class DeltaPoller(
    PageWalk walk,
    Completeness completeness,
    SyncHealth health,
    MetaAccessOptions options,
    TimeProvider time,
    ILogger<DeltaPoller> logger) : BackgroundService
{
    // Room left between a window's start and the API's 24 hours, so entries cannot age out under the
    // reader: at least this, or twice the longest recent walk.
    private static readonly TimeSpan MinimumReserve = TimeSpan.FromMinutes(30);

    // A window the feed moved under is read again this many times in a row; after that, the inventory lists it.
    private const int MaxRereads = 3;

    private DateTimeOffset? _freshStart;
    private int _rereads;
    private TimeSpan _lastWalk;
    private bool _failing;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _ = FirstWindow(time.GetUtcNow());
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = RetryPipeline();
        while (!stoppingToken.IsCancellationRequested)
        {
            long started = time.GetTimestamp();
            try
            {
                await retry.ExecuteAsync(static async (self, ct) => await self.RunCycleAsync(ct).ConfigureAwait(false), this, stoppingToken)
                    .ConfigureAwait(false);
                var next = options.PollInterval - time.GetElapsedTime(started);
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
        long started = time.GetTimestamp();
        health.Update(s => s with { LastPollStarted = cycleStart });
        var window = completeness.Current is { } checkpoint ? WindowFor(checkpoint, cycleStart) : FirstWindow(cycleStart);
        try
        {
            var result = await walk.ReadAsync(window, options.PageSize, cancellationToken).ConfigureAwait(false);
            var took = time.GetElapsedTime(started);
            _lastWalk = took;
            Watched(window, cycleStart, result);
            health.Update(s => s with
            {
                Up = true, LastSuccessfulSync = time.GetUtcNow(), LastPollDuration = took, LastError = null,
                SuccessfulCycles = s.SuccessfulCycles + 1, Rereads = s.Rereads + (result.Duplicates > 0 ? 1 : 0),
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
                Up = false, LastError = message, LastPollDuration = time.GetElapsedTime(started), FailedCycles = s.FailedCycles + 1,
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

    private void Watched(DeltaWindow window, DateTimeOffset cycleStart, PageWalkResult result)
    {
        _rereads = result.Duplicates > 0 ? _rereads + 1 : 0;
        var watermark = cycleStart;
        if (result.OutranApiReach || _rereads > MaxRereads)
        {
            // Entries dropped out of the API's day while the walk ran, or the feed keeps moving under
            // every walk: later entries may have shifted onto pages already read, whatever they
            // changed. The watch goes on from this cycle and the inventory lists what came before.
            Log.SyncGapOpened(logger, window.Start, cycleStart);
            completeness.WatchFrom(cycleStart, changesMissed: true);
            _rereads = 0;
        }
        else if (result.Duplicates > 0)
        {
            // The list moved under the walk, so an entry may have slid onto a page already read: the
            // next cycle reads the same window again instead of moving past it.
            Log.WalkMetDevicesTwice(logger, result.Duplicates);
            watermark = window.Start + options.SyncOverlap;
        }
        completeness.Watched(watermark);
        _freshStart = null;
    }

    /// <summary>
    /// Where the watch begins: after the restored checkpoint, or, on a fresh start, a little before
    /// now, fixed across retries (a later start would leave the changes in between to nobody). What
    /// came before is the inventory's to list.
    /// </summary>
    private DeltaWindow FirstWindow(DateTimeOffset now)
    {
        if (completeness.Current is { } restored)
            return WindowFor(restored, now);
        if (_freshStart is null)
        {
            _freshStart = now - options.SyncOverlap;
            completeness.WatchFrom(_freshStart.Value, changesMissed: true);
        }
        return new DeltaWindow(_freshStart.Value);
    }

    /// <summary>
    /// The window after <paramref name="checkpoint"/>: from its watermark less the overlap, unless
    /// that is in the future (the clock stepped back) or so old that entries could age out under the
    /// walk; then it starts later and the changes before are missing until an inventory pass lists them.
    /// </summary>
    private DeltaWindow WindowFor(SyncCheckpoint checkpoint, DateTimeOffset now)
    {
        var window = DeltaWindow.After(checkpoint.Watermark, options.SyncOverlap);
        var reserve = _lastWalk * 2 > MinimumReserve ? _lastWalk * 2 : MinimumReserve;
        var oldest = now - (DeltaWindow.ApiReach - reserve);
        DateTimeOffset? restart = checkpoint.Watermark > now ? now - options.SyncOverlap
            : window.Start < oldest ? oldest
            : null;
        if (restart is not { } since)
        {
            completeness.WatchFrom(window.Start, changesMissed: false);
            return window;
        }
        if (!checkpoint.Gap)
            Log.SyncGapOpened(logger, checkpoint.Watermark, since);
        if (checkpoint.Watermark > now)
            completeness.ForgetListings();
        completeness.WatchFrom(since, changesMissed: true);
        return new DeltaWindow(since);
    }

    // A failed cycle is tried again at most one poll interval apart.
    private ResiliencePipeline RetryPipeline() => RetryUntilRead.Pipeline(time, options.PollInterval);
}
