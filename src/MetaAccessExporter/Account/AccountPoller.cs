using MetaAccessExporter.Api;
using MetaAccessExporter.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace MetaAccessExporter.Account;

/// <summary>
/// Reads account details at start and then every <c>Account:RefreshInterval</c> (counted from the start
/// of the previous read), and compares the vendor's totals with the model as it is when the answer comes.
/// It also reads them as soon as the model becomes whole (its gap closes, as after the first inventory
/// pass), so the drift users see is the model's true distance from the vendor, not a fresh start's emptiness.
/// A failed read is tried again a few times with backoff, then left to the next interval: the numbers
/// are worth a call every quarter hour, not a stream of calls while the endpoint is refused.
/// Calls take the budget's account slot (<see cref="Budget.BudgetConsumer.Account"/>).
/// </summary>
public sealed class AccountPoller(
    AccountClient client,
    DeviceModel model,
    Completeness completeness,
    AccountHealth health,
    AccountOptions options,
    TimeProvider time,
    ILogger<AccountPoller> logger) : BackgroundService
{
    private const int Attempts = 3;
    // Never disposed, like the model's save signal: a host may dispose services while this still stops.
    private readonly SemaphoreSlim _modelBecameWhole = new(0, 1);
    private bool _failing;
    private bool _wasWhole;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _wasWhole = completeness.Current is { Gap: false };
        completeness.Moved += OnCheckpointMoved;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        completeness.Moved -= OnCheckpointMoved;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = RetryUntilRead.Pipeline(time, TimeSpan.FromMinutes(1), Attempts - 1);
        while (!stoppingToken.IsCancellationRequested)
        {
            long started = time.GetTimestamp();
            try
            {
                await retry.ExecuteAsync(static async (poller, ct) => await poller.ReadAsync(ct).ConfigureAwait(false),
                    this, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Counted and logged by ReadAsync; the next interval tries again.
            }
            try
            {
                await WaitForNextReadAsync(options.RefreshInterval - time.GetElapsedTime(started), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WaitForNextReadAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        if (interval <= TimeSpan.Zero)
            return;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var due = Task.Delay(interval, time, either.Token);
        var whole = _modelBecameWhole.WaitAsync(either.Token);
        await Task.WhenAny(due, whole).ConfigureAwait(false);
        await either.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private void OnCheckpointMoved()
    {
        bool whole = completeness.Current is { Gap: false };
        if (whole && !_wasWhole && _modelBecameWhole.CurrentCount == 0)
            _modelBecameWhole.Release();
        _wasWhole = whole;
    }

    /// <summary>One read: the reading replaces the last one, or the failure is counted and kept for <c>/</c>.</summary>
    internal async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var details = await client.GetAsync(cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var reading = AccountMapper.Map(details, model.Snapshot(now), now);
            health.Update(s => s with { Latest = reading, Refreshes = s.Refreshes + 1, LastError = null });
            if (_failing)
                Log.AccountRecovered(logger);
            _failing = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = UrlRedactor.Redact(ex.Message);
            health.Update(s => s with { Failures = s.Failures + 1, LastError = message });
            if (!_failing)
                Log.AccountFailing(logger, message);
            _failing = true;
            throw;
        }
    }
}
