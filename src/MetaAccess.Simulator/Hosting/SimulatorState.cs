using MetaAccess.Simulator.Auth;
using MetaAccess.Simulator.Fleet;
using MetaAccess.Simulator.RateLimiting;

namespace MetaAccess.Simulator.Hosting;

/// <summary>
/// Everything the endpoints share, as one singleton. The TimeProvider lives here rather than in the
/// container so a fake clock never leaks into Kestrel or the host.
/// </summary>
internal sealed class SimulatorState(SimulatorOptions options, TimeProvider time)
{
    public SimulatorOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public SimulatedFleet Fleet { get; } = new(options, time);

    public SimulatorFaults Faults { get; } = new(options.Seed);

    public TokenStore Tokens { get; } = new(options, time);

    public SlidingWindowLimiter TokenLimiter { get; } = new(options.RequestsPerMinute, time);

    public SlidingWindowLimiter ApiLimiter { get; } = new(options.RequestsPerMinute, time);
}
