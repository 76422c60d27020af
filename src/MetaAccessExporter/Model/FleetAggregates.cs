namespace MetaAccessExporter.Model;

/// <summary>
/// The fleet's totals, kept current as devices come and go: adding or removing a device touches
/// only its own keys, so a scrape reads as many numbers as there are series, not devices. A key
/// that falls to zero is removed, which is how a combination disappears from <c>/metrics</c>.
/// Not thread-safe: <see cref="DeviceModel"/> holds its lock.
/// </summary>
internal sealed class FleetAggregates
{
    public Dictionary<(string Group, string Status, string Severity), int> Devices { get; } = new();
    public Dictionary<string, GroupTotals> Groups { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> CategoryIssues { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> CriticalCategoryIssues { get; } = new(StringComparer.Ordinal);

    public void Add(Device d) => Apply(d, +1);

    public void Remove(Device d) => Apply(d, -1);

    private void Apply(Device d, int sign)
    {
        Bump(Devices, (d.Group, d.Status, d.Severity), sign);
        if (!Groups.TryGetValue(d.Group, out var totals))
            Groups[d.Group] = totals = new GroupTotals();
        totals.Devices += sign;
        totals.Issues += sign * d.TotalIssues;
        totals.CriticalIssues += sign * d.CriticalIssues;
        totals.WarningIssues += sign * d.WarningIssues;
        totals.DevicesWithCriticalIssues += d.CriticalIssues > 0 ? sign : 0;
        if (d.Details is { Unavailable: false } details)
        {
            totals.DevicesInfected += details.Threats > 0 ? sign : 0;
            totals.Threats += sign * details.Threats;
            foreach (var category in details.IssueCategories)
                Bump(CategoryIssues, category, sign);
            foreach (var category in details.CriticalIssueCategories)
                Bump(CriticalCategoryIssues, category, sign);
        }
        if (totals.Devices == 0)
            Groups.Remove(d.Group);
    }

    private static void Bump<TKey>(Dictionary<TKey, int> counts, TKey key, int sign) where TKey : notnull
    {
        int value = counts.GetValueOrDefault(key) + sign;
        if (value == 0)
            counts.Remove(key);
        else
            counts[key] = value;
    }
}

internal sealed class GroupTotals
{
    public int Devices { get; set; }
    public long Issues { get; set; }
    public long CriticalIssues { get; set; }
    public long WarningIssues { get; set; }
    public int DevicesWithCriticalIssues { get; set; }
    public int DevicesInfected { get; set; }
    public long Threats { get; set; }
}
