using MetaAccessExporter.Api;
using MetaAccessExporter.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace MetaAccessExporter.Inventory;

/// <summary>
/// The list, and its resync: an inventory pass at start, then one whenever the watch can no longer
/// vouch for the model (a gap opened after the last pass began), and otherwise early enough that every
/// device is read again within <c>Inventory:RefreshAfter</c>. Pages take the budget the delta sync
/// leaves (<see cref="Budget.BudgetConsumer.Inventory"/>).
/// </summary>
public sealed class InventoryPoller(
    InventoryClient client,
    DeviceModel model,
    Completeness completeness,
    InventoryHealth health,
    InventoryOptions inventory,
    MetaAccessOptions options,
    TimeProvider time,
    ILogger<InventoryPoller> logger) : BackgroundService
{
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(30);
    // A page that fails this many times in a row gives the pass up (an expired cursor, an answer that
    // never becomes usable); the next pass starts from the beginning half a minute later.
    private const int PageAttempts = 20;

    private (long Timestamp, TimeSpan Duration)? _lastPass;
    private bool _passGivenUp;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = RetryPipeline();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitUntilDueAsync(stoppingToken).ConfigureAwait(false);
                await RunPassAsync(retry, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A pass given up, or a fault of the loop itself: never stop the host, start over soon.
                _passGivenUp = true;
                health.Update(s => s with { PassStarted = null, PassListed = 0 });
                Log.InventoryLoopFault(logger, ex);
                await Task.Delay(RecheckEvery, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One whole pass; a failed page is retried with backoff, and after <see cref="PageAttempts"/>
    /// failures the pass is given up.
    /// </summary>
    internal Task RunPassAsync(CancellationToken cancellationToken) => RunPassAsync(RetryPipeline(), cancellationToken);

    private async Task RunPassAsync(ResiliencePipeline retry, CancellationToken cancellationToken)
    {
        _passGivenUp = false;
        var pass = new InventoryPass(client, model, options.PageSize, time);
        health.Update(s => s with { PassStarted = pass.Started, PassListed = 0 });
        while (!pass.Done)
        {
            await retry.ExecuteAsync(static async (state, ct) => await state.Poller.ReadPageAsync(state.Pass, ct).ConfigureAwait(false),
                (Poller: this, Pass: pass), cancellationToken).ConfigureAwait(false);
            health.Update(s => s with { PassListed = pass.Listed });
        }
        int removed = pass.RemoveUnlisted();
        completeness.Listed(pass.Started);
        var took = time.GetElapsedTime(pass.StartedTimestamp);
        _lastPass = (pass.StartedTimestamp, took);
        health.Update(s => s with
        {
            PassStarted = null, PassListed = 0, LastPassCompleted = time.GetUtcNow(), LastPassDuration = took, LastPassListed = pass.Listed,
            PassesCompleted = s.PassesCompleted + 1, Added = s.Added + pass.Added, Removed = s.Removed + removed,
        });
        Log.InventoryPassCompleted(logger, pass.Listed, pass.Added, removed, took);
    }

    private async Task ReadPageAsync(InventoryPass pass, CancellationToken cancellationToken)
    {
        try
        {
            await pass.ReadNextPageAsync(cancellationToken).ConfigureAwait(false);
            if (_failing)
                Log.InventoryRecovered(logger);
            _failing = false;
            health.Update(s => s with { LastError = null });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = UrlRedactor.Redact(ex.Message);
            health.Update(s => s with { LastError = message });
            // One line when passes break and one when they recover; the retries between are counted by the API metrics.
            if (!_failing)
                Log.InventoryFailing(logger, message);
            _failing = true;
            throw;
        }
    }

    private async Task WaitUntilDueAsync(CancellationToken cancellationToken)
    {
        while (NextPassIn() is { } wait && wait > TimeSpan.Zero)
            await Task.Delay(wait < RecheckEvery ? wait : RecheckEvery, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How long until the next pass is due: now after a gap the last pass cannot close, else on schedule.</summary>
    private TimeSpan? NextPassIn()
    {
        if (_lastPass is not { } last || _passGivenUp || completeness.NeedsListing)
            return null;
        // Devices come in the same order every pass, so starting the next one a pass's length early
        // reads each again within RefreshAfter.
        return inventory.RefreshAfter - last.Duration - time.GetElapsedTime(last.Timestamp);
    }

    // A failed page is asked for again, at most five minutes apart, up to PageAttempts times.
    private ResiliencePipeline RetryPipeline() => RetryUntilRead.Pipeline(time, TimeSpan.FromMinutes(5), PageAttempts);
}
