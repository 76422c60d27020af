using MetaAccessExporter.Model.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Model;

public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// The model, its observers' hook and its persistence. <paramref name="account"/> names whose fleet
    /// it is: a state file of another account is not restored.
    /// </summary>
    public static IServiceCollection AddDeviceModel(this IServiceCollection services, Func<IServiceProvider, string> account)
    {
        services.AddSingleton<Completeness>();
        services.AddSingleton<IReadOnlyList<StaleThreshold>>(sp =>
            StaleThreshold.ParseList(sp.GetRequiredService<ExporterOptions>().StaleAfter));
        services.AddSingleton(sp => new DeviceModel(
            sp.GetRequiredService<IReadOnlyList<StaleThreshold>>(),
            sp.GetServices<IDeviceModelObserver>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ModelStore(
            sp.GetRequiredService<ExporterOptions>().StatePath,
            account(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ModelStore>>()));
        services.AddSingleton<ModelPersistence>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelPersistence>());
        return services;
    }
}
