using Microsoft.Extensions.DependencyInjection;

namespace MetaAccessExporter.Inventory;

public static class InventoryServiceCollectionExtensions
{
    public static IServiceCollection AddInventory(this IServiceCollection services)
    {
        services.AddSingleton<InventoryHealth>();
        services.AddSingleton<InventoryPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<InventoryPoller>());
        return services;
    }
}
