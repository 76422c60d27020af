namespace MetaAccess.Simulator.Fleet;

/// <summary>
/// The seeded sequence of churn events: exponential inter-arrival times (a Poisson process) with the
/// configured mean, and a fixed mix that makes posture flips common and deletions rare.
/// </summary>
internal sealed class ChurnSchedule(Random random, TimeSpan mean, DateTimeOffset start)
{
    public bool Enabled => mean > TimeSpan.Zero;

    /// <summary>When the next event is due; never, with churn off.</summary>
    public DateTimeOffset NextAt { get; private set; } =
        mean > TimeSpan.Zero ? start + Interval(random, mean) : DateTimeOffset.MaxValue;

    /// <summary>Consumes the due event and schedules the one after it.</summary>
    public FleetChange Take()
    {
        if (!Enabled)
        {
            throw new InvalidOperationException("Churn is off.");
        }

        var roll = random.NextDouble();
        NextAt += Interval(random, mean);
        return roll switch
        {
            < 0.70 => FleetChange.Reevaluation,
            < 0.94 => FleetChange.CheckIn,
            // As many enrollments as deletions, so a demo left running for days keeps its fleet size.
            < 0.97 => FleetChange.Enrollment,
            _ => FleetChange.Deletion,
        };
    }

    private static TimeSpan Interval(Random random, TimeSpan mean) =>
        TimeSpan.FromTicks(Math.Max(1, (long)(-Math.Log(1 - random.NextDouble()) * mean.Ticks)));
}
