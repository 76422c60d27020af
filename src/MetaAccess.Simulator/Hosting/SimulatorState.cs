using MetaAccess.Simulator.Auth;
using MetaAccess.Simulator.Fleet;
using MetaAccess.Simulator.Json;
using MetaAccess.Simulator.RateLimiting;

namespace MetaAccess.Simulator.Hosting;

/// <summary>
/// Everything the endpoints share, as one singleton. The TimeProvider lives here rather than in the
/// container so a fake clock never leaks into Kestrel or the host.
/// </summary>
internal sealed class SimulatorState : IDisposable
{
    public SimulatorState(SimulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Fleet = new SimulatedFleet(options, time);
        Faults = new SimulatorFaults(options.Seed) { MalformedRecordShare = options.MalformedRecordShare };
        Tokens = new TokenStore(options, time);
        RateWindow = new AccountRateWindow(options.RequestsPerMinute, time);
        OtherClient = new OtherClient(RateWindow, options.OtherClientCallsPerMinute, time);
    }

    public SimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public SimulatedFleet Fleet { get; }

    public SimulatorFaults Faults { get; }

    public MalformedRecords Malformed => new(Options.Seed, Faults);

    public TokenStore Tokens { get; }

    /// <summary>The account's one rate-limit window, spent by every API call and by <see cref="OtherClient"/>.</summary>
    public AccountRateWindow RateWindow { get; }

    public OtherClient OtherClient { get; }

    /// <summary>When each MetaAccess API call arrived (on <see cref="Time"/>), so tests can check a client's pacing.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset> Arrivals { get; } = new();

    /// <summary>Stops the other client's timer, which would otherwise outlive the server on the system clock.</summary>
    public void Dispose() => OtherClient.Dispose();
}
