using Microsoft.Extensions.DependencyInjection;

namespace MetaAccessExporter.Sync;

public static class SyncServiceCollectionExtensions
{
    public static IServiceCollection AddDeltaSync(this IServiceCollection services)
    {
        services.AddSingleton<SyncHealth>();
        services.AddSingleton<PageWalk>();
        services.AddSingleton<DeltaPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<DeltaPoller>());
        return services;
    }
}
