using MetaAccessExporter.Api;
using MetaAccessExporter.Model.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Model;

public static class ModelServiceCollectionExtensions
{
    public static IServiceCollection AddDeviceModel(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DeviceModel(
            StaleThreshold.ParseList(sp.GetRequiredService<ExporterOptions>().StaleAfter),
            sp.GetServices<IDeviceModelObserver>()));
        services.AddSingleton(sp => new ModelStore(
            sp.GetRequiredService<ExporterOptions>().StatePath,
            sp.GetRequiredService<MetaAccessOptions>().Account,
            sp.GetRequiredService<ILogger<ModelStore>>()));
        return services;
    }
}
