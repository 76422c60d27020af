using MetaAccess.Simulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAccess.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the simulator's state (throws <see cref="ArgumentException"/> naming a bad option); pair with <see
    /// cref="SimulatorEndpoints.MapMetaAccessSimulator"/>.
    /// </summary>
    public static IServiceCollection AddMetaAccessSimulator(
        this IServiceCollection services, SimulatorOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        SimulatorOptionsValidation.Validate(options);
        var state = new SimulatorState(options, time ?? TimeProvider.System);
        // Through a factory, not as an instance: the container disposes only what it hands out itself, and the
        // state's other-client timer must stop with the host.
        services.AddSingleton(_ => state);
        // The host may want the truth and the fault switches too (a demo page, a test fixture).
        services.AddSingleton(state.Fleet);
        services.AddSingleton(state.Faults);
        return services;
    }
}
