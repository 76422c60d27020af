using MetaAccess.Simulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAccess.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>Registers the simulator's state; pair with <see cref="SimulatorEndpoints.MapMetaAccessSimulator"/>.</summary>
    public static IServiceCollection AddMetaAccessSimulator(
        this IServiceCollection services, SimulatorOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(new SimulatorState(options, time ?? TimeProvider.System));
        return services;
    }
}
