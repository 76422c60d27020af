using MetaAccessExporter.Api;
using MetaAccessExporter.Api.Dto;
using MetaAccessExporter.Budget;
using MetaAccessExporter.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Enrichment;

/// <summary>
/// Spends the budget the delta sync leaves over on device details, once the model holds a sync.
/// Its calls queue behind sync at the budget (<see cref="BudgetConsumer.Enrichment"/>), which also
/// caps its share, so this loop just asks for the next device as fast as the budget lets it.
/// </summary>
public sealed class EnrichmentWorker(
    DeviceDetailsClient client,
    DeviceModel model,
    Completeness completeness,
    RateBudget budget,
    EnrichmentOptions options,
    TimeProvider time,
    ILogger<EnrichmentWorker> logger) : BackgroundService, IEnrichmentProgressSource
{
    private const int BatchSize = 20;
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyCheck = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(30);
    private volatile EnrichmentProgress? _progress;
    private bool _failing;

    /// <summary>Null while enrichment is off, so its metrics are not served at all.</summary>
    public EnrichmentProgress? Current => options.Enabled ? _progress : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
            return;
        if (budget.SlotsOf(BudgetConsumer.Enrichment) == 0)
        {
            Log.EnrichmentWithoutBudget(logger, budget.Limit, options.MaxBudgetShare);
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var pause = completeness.Current is not null ? await RunBatchAsync(stoppingToken).ConfigureAwait(false) : ReadyCheck;
                if (pause > TimeSpan.Zero)
                    await Task.Delay(pause, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Fetches one batch of due devices; returns how long to wait before the next.</summary>
    internal async Task<TimeSpan> RunBatchAsync(CancellationToken cancellationToken)
    {
        var plan = Plan();
        if (plan.Batch.Count == 0)
        {
            var untilDue = plan.NextDue is { } due ? due - time.GetUtcNow() : IdleCheck;
            return untilDue < IdleCheck ? untilDue : IdleCheck;
        }
        foreach (var id in plan.Batch)
        {
            try
            {
                var details = await client.GetAsync(id, cancellationToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                // A 404 is recorded as "unavailable" so the device waits for RefreshAfter instead of being asked again at once.
                if (details is null)
                    model.SetDetails(id, DeviceDetailsSummary.NotFound(now), lastSeen: null);
                else
                    model.SetDetails(id, DetailsMapper.ToSummary(details, now), ApiTimestamp.Parse(details.LastSeen));
            }
            catch (MetaAccessApiException ex)
            {
                // One line when enrichment breaks and one when it recovers, not one per attempt.
                if (!_failing)
                    Log.EnrichmentFailing(logger, id, ex.Message);
                _failing = true;
                Plan();
                return FailurePause;
            }
        }
        if (_failing)
            Log.EnrichmentRecovered(logger);
        _failing = false;
        Plan();
        return TimeSpan.Zero;
    }

    private EnrichmentPlan Plan()
    {
        var plan = EnrichmentPlan.For(model.ListDevices(), time.GetUtcNow(), options.RefreshAfter, BatchSize);
        _progress = plan.Progress;
        return plan;
    }
}
