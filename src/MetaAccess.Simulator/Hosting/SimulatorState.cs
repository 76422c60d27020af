using MetaAccess.Simulator.Auth;
using MetaAccess.Simulator.Fleet;
using MetaAccess.Simulator.Json;
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

    public SimulatorFaults Faults { get; } = new(options.Seed) { MalformedRecordShare = options.MalformedRecordShare };

    public MalformedRecords Malformed => new(Options.Seed, Faults);

    public TokenStore Tokens { get; } = new(options, time);

    public SlidingWindowLimiter TokenLimiter { get; } = new(options.RequestsPerMinute, time);

    public SlidingWindowLimiter ApiLimiter { get; } = new(options.RequestsPerMinute, time);

    /// <summary>When each MetaAccess API call arrived (on <see cref="Time"/>), so tests can check a client's pacing.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset> Arrivals { get; } = new();
}
