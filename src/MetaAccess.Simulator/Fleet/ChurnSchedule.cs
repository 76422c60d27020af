namespace MetaAccess.Simulator.Fleet;

/// <summary>
/// The seeded sequence of churn events: exponential inter-arrival times (a Poisson process) with the
/// configured mean, and a fixed mix that makes posture flips common and deletions rare. A deletion is
/// silent (no tombstone) with the configured share, decided by the same roll so the share changes nothing else.
/// </summary>
internal sealed class ChurnSchedule(Random random, TimeSpan mean, DateTimeOffset start, double silentDeleteShare)
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
            _ when roll < 1 - 0.03 * silentDeleteShare => FleetChange.Deletion,
            _ => FleetChange.SilentDeletion,
        };
    }

    private static TimeSpan Interval(Random random, TimeSpan mean) =>
        TimeSpan.FromTicks(Math.Max(1, (long)(-Math.Log(1 - random.NextDouble()) * mean.Ticks)));
}
