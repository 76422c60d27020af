using MetaAccessExporter.Budget;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Api.Http;

/// <summary>
/// Every request that leaves the process takes a slot first, including token requests and the
/// one retry after a 401. No other handler retries, so nothing spends budget behind its back.
/// Every answer's rate-limit headers go back to the budget, so it knows what other clients left.
/// </summary>
internal sealed class RateBudgetHandler(
    RateBudget budget, BudgetConsumer consumer, ApiCallStats stats, TimeProvider time, ILogger<RateBudgetHandler> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var slot = await budget.AcquireAsync(consumer, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            slot.Unanswered();
            throw;
        }
        slot.Answered(RateLimitHeaders.Read(response, time.GetUtcNow()));
        if (ThrottleSignal.RetryAfter(response, time.GetUtcNow()) is { } pause)
        {
            stats.RecordThrottled();
            var until = time.GetUtcNow() + pause;
            budget.PauseUntil(until);
            Log.Throttled(logger, (int)response.StatusCode, pause.TotalSeconds);
        }
        return response;
    }
}
