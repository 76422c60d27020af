namespace MetaAccess.Simulator.Fleet;

/// <summary>Puts the status-change window in the configured <see cref="FeedOrder"/>; ties go by id so pages are repeatable.</summary>
internal static class FeedOrdering
{
    public static IEnumerable<WindowEntry> Sort(IEnumerable<WindowEntry> entries, FeedOrder order) => order switch
    {
        FeedOrder.ById => entries.OrderBy(e => e.DeviceId, StringComparer.Ordinal),
        FeedOrder.ChangedDescending => entries.OrderByDescending(e => e.ChangedAt).ThenBy(e => e.DeviceId, StringComparer.Ordinal),
        _ => entries.OrderBy(e => e.ChangedAt).ThenBy(e => e.DeviceId, StringComparer.Ordinal),
    };
}
