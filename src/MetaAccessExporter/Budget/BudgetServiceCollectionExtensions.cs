using Microsoft.Extensions.DependencyInjection;

namespace MetaAccessExporter.Budget;

public static class BudgetServiceCollectionExtensions
{
    /// <summary>
    /// The account's one budget. Its size belongs to whoever knows the account and its consumers,
    /// so the composition root passes it in.
    /// </summary>
    public static IServiceCollection AddRateBudget(this IServiceCollection services, Func<IServiceProvider, BudgetSize> size)
    {
        services.AddSingleton(sp =>
        {
            var (perMinute, enrichment) = size(sp);
            return new RateBudget(perMinute, sp.GetRequiredService<TimeProvider>(), enrichment);
        });
        return services;
    }
}

/// <summary>Calls per 60-second window, and how many of them enrichment may take.</summary>
public readonly record struct BudgetSize(int PerMinute, int EnrichmentLimit);
