using MetaAccessExporter.Budget.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Budget;

public static class BudgetServiceCollectionExtensions
{
    /// <summary>
    /// The account's one budget and its memory across restarts. Its size, enrichment's share and where
    /// state is kept belong to whoever knows the account and its consumers, so the composition root passes them in.
    /// </summary>
    public static IServiceCollection AddRateBudget(this IServiceCollection services, Func<IServiceProvider, BudgetSize> size)
    {
        services.AddSingleton(sp =>
        {
            var plan = size(sp);
            return new RateBudget(plan.PerMinute, sp.GetRequiredService<TimeProvider>(), SlotRules.Table(plan.EnrichmentShare));
        });
        services.AddSingleton(sp =>
        {
            var plan = size(sp);
            return new BudgetStore(plan.StateDirectory, plan.Account, sp.GetRequiredService<ILogger<BudgetStore>>());
        });
        services.AddHostedService<BudgetPersistence>();
        return services;
    }
}

/// <summary>Calls per 60-second window, enrichment's share of them, and where (and for which account) the budget is remembered.</summary>
public readonly record struct BudgetSize(int PerMinute, double EnrichmentShare, string? StateDirectory, string Account);
