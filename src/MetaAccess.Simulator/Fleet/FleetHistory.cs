namespace MetaAccess.Simulator.Fleet;

/// <summary>
/// The past of the initial fleet: when each device enrolled and, for a share of it, a last status change
/// days ago (so the 24-hour feed never lists it) with a <c>last_seen</c> anywhere from minutes to months
/// old. Every device takes the same number of draws whatever the share, so the share alone decides which
/// devices are old and the other fields of the fleet stay as the seed made them.
/// </summary>
internal sealed class FleetHistory(Random random, double staleShare)
{
    private const double Day = 86400;

    public SimulatedDevice Backdate(SimulatedDevice device, DateTimeOffset start)
    {
        var stale = random.NextDouble() < staleShare;
        var changedAgo = TimeSpan.FromSeconds((2 + random.NextDouble() * 38) * Day);
        var seenAgo = SeenAgo(random.NextDouble(), random.NextDouble());
        var enrolledBefore = TimeSpan.FromSeconds(3600 + random.NextDouble() * 730 * Day);
        if (stale)
        {
            device = device with { ChangedAt = start - changedAgo, LastSeen = DeviceFactory.Truncate(start - seenAgo) };
        }

        // The feed's last_seen is the one the device had when its status last changed: never later than the change.
        var changed = DeviceFactory.Truncate(device.ChangedAt);
        var lastSeenAtChange = device.LastSeen < changed ? device.LastSeen : changed;
        var firstTrace = device.ChangedAt < device.LastSeen ? device.ChangedAt : device.LastSeen;
        return device with { LastSeenAtChange = lastSeenAtChange, EnrolledAt = DeviceFactory.Truncate(firstTrace - enrolledBefore) };
    }

    // A device whose status has not changed for days mostly still reports (its agent is fine, so is its
    // posture); the rest spread over the exporter's 1 d, 7 d and 30 d staleness thresholds.
    private static TimeSpan SeenAgo(double roll, double within) => TimeSpan.FromSeconds(roll switch
    {
        < 0.50 => within * 3600,
        < 0.65 => 3600 + within * (Day - 3600),
        < 0.80 => (1 + within * 6) * Day,
        < 0.92 => (7 + within * 23) * Day,
        _ => (30 + within * 60) * Day,
    });
}
