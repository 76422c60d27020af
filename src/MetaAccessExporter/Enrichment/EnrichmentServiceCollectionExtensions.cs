using Microsoft.Extensions.DependencyInjection;

namespace MetaAccessExporter.Enrichment;

public static class EnrichmentServiceCollectionExtensions
{
    public static IServiceCollection AddEnrichment(this IServiceCollection services)
    {
        services.AddSingleton<EnrichmentWorker>();
        services.AddSingleton<IEnrichmentProgressSource>(sp => sp.GetRequiredService<EnrichmentWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<EnrichmentWorker>());
        return services;
    }
}
