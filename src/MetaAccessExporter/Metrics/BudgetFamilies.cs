using MetaAccessExporter.Budget;
using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// The API budget on <c>/metrics</c>: the exporter's own count beside the server's word (which counts
/// every client of the account), and how each consumer spent it.
/// </summary>
public static class BudgetFamilies
{
    public static readonly IReadOnlyList<MetricFamily<BudgetReport>> Table =
    [
        new("metaaccess_budget_limit", "The account's API budget per 60 seconds (MetaAccess:RequestsPerMinute).", MetricType.Gauge,
            (b, s) => s.Add(b.Limit)),
        new("metaaccess_budget_used", "API calls the exporter made in the last 60 seconds.", MetricType.Gauge,
            (b, s) => s.Add(b.Used)),
        new("metaaccess_budget_server_limit",
            "The account's limit as the API's last X-RateLimit-Limit header said; absent until an answer carried it.", MetricType.Gauge,
            (b, s) => { if (b.Server.Limit is { } n) s.Add(n); }),
        new("metaaccess_budget_server_remaining",
            "Calls left in the API's current period, every client of the account counted, as the last answer said.", MetricType.Gauge,
            (b, s) => { if (b.Server.Remaining is { } n) s.Add(n); }),
        new("metaaccess_budget_server_reset_timestamp_seconds",
            "When the API's current rate-limit period ends, as the last answer said (Unix seconds).", MetricType.Gauge,
            (b, s) => { if (b.Server.ResetAt is { } t) s.Add(t.ToUnixTimeMilliseconds() / 1000.0); }),
        new("metaaccess_budget_calls_total", "API calls granted by the budget, by consumer.", MetricType.Counter,
            (b, s) => { foreach (var u in b.Usage) s.Add(u.Calls, new Label("consumer", u.Consumer.Label())); }),
        new("metaaccess_budget_wait_seconds_total", "Time calls waited for the budget, by consumer.", MetricType.Counter,
            (b, s) => { foreach (var u in b.Usage) s.Add(u.Waited.TotalSeconds, new Label("consumer", u.Consumer.Label())); }),
    ];
}

/// <summary>The budget at one instant, for the table above and the landing page.</summary>
public sealed record BudgetReport(int Limit, int Used, ServerView Server, IReadOnlyList<ConsumerUsage> Usage)
{
    public static BudgetReport Of(RateBudget budget) => new(budget.Limit, budget.Used, budget.Server, budget.Usage);
}
