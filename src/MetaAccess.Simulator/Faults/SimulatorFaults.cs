namespace MetaAccess.Simulator;

/// <summary>
/// Misbehaviour injected into MetaAccess API answers (not the admin endpoints). Settable at any time;
/// the dice are seeded, so a test run with the same seed sees the same faults on the same calls.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private readonly Random _random;

    internal SimulatorFaults(int seed) => _random = new Random(unchecked(seed * 31 + 4));

    /// <summary>Share of calls answered 500, 502 or 503 (after they count against the rate limit).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of calls answered 200 with a non-JSON or truncated body.</summary>
    public double GarbageRate { get; set; }

    /// <summary>Share of calls answered 429 (half with Retry-After, half without); they do not count as calls.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>
    /// Share of devices whose records in the status-change feed and the inventory carry a field of the wrong
    /// shape. The same devices every time (chosen from the seed and the id), so a client's skips are repeatable.
    /// </summary>
    public double MalformedRecordShare { get; set; }

    /// <summary>
    /// Added to account details' <c>compliant</c> count and <c>devices_used</c> (neither below 0), so the vendor's totals
    /// disagree with the fleet the feeds describe: a client comparing the two sees drift.
    /// </summary>
    public int AccountCountOffset { get; set; }

    /// <summary>Wait before answering, measured on the simulator's <see cref="TimeProvider"/>.</summary>
    public TimeSpan? Delay { get; set; }

    internal bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }

    internal int Next(int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(maxExclusive);
        }
    }
}
