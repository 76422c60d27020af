using MetaAccessExporter.Api;
using MetaAccessExporter.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;

namespace MetaAccessExporter.Account;

/// <summary>
/// Reads account details at start and then every <c>Account:RefreshInterval</c> (counted from the start
/// of the previous read), and compares the vendor's totals with the model as it is when the answer comes.
/// A failed read is tried again a few times with backoff, then left to the next interval: the numbers
/// are worth a call every quarter hour, not a stream of calls while the endpoint is refused.
/// Calls take the budget's account slot (<see cref="Budget.BudgetConsumer.Account"/>).
/// </summary>
public sealed class AccountPoller(
    AccountClient client,
    DeviceModel model,
    AccountHealth health,
    AccountOptions options,
    TimeProvider time,
    ILogger<AccountPoller> logger) : BackgroundService
{
    private const int Attempts = 3;
    private bool _failing;

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
            var wait = options.RefreshInterval - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
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
