using MetaAccessExporter.Model;

namespace MetaAccessExporter.Metrics.Cardinality;

/// <summary>
/// A fleet snapshot with folded label values summed under "other": every series of a folded value adds
/// into the bucket's, so each family still sums to the same totals. Costs what the snapshot's entries
/// cost, in the snapshot's own order (label values ordinal, stale thresholds as they came).
/// </summary>
internal static class FleetFold
{
    public static FleetSnapshot Apply(FleetSnapshot fleet, LabelFold group, LabelFold status, LabelFold severity, LabelFold category) =>
        fleet with
        {
            Devices = Devices(fleet.Devices, group, status, severity),
            Groups = Groups(fleet.Groups, group),
            Stale = Stale(fleet.Stale, group),
            CategoryIssues = Categories(fleet.CategoryIssues, category),
            CriticalCategoryIssues = Categories(fleet.CriticalCategoryIssues, category),
        };

    private static DeviceCount[] Devices(IReadOnlyList<DeviceCount> devices, LabelFold group, LabelFold status, LabelFold severity)
    {
        var sums = new Dictionary<(string, string, string), int>();
        foreach (var d in devices)
        {
            var key = (group.Map(d.Group), status.Map(d.Status), severity.Map(d.Severity));
            sums[key] = sums.GetValueOrDefault(key) + d.Count;
        }
        return [.. sums.Select(s => new DeviceCount(s.Key.Item1, s.Key.Item2, s.Key.Item3, s.Value))
            .OrderBy(d => d.Group, StringComparer.Ordinal).ThenBy(d => d.Status, StringComparer.Ordinal)
            .ThenBy(d => d.Severity, StringComparer.Ordinal)];
    }

    private static GroupSnapshot[] Groups(IReadOnlyList<GroupSnapshot> groups, LabelFold group)
    {
        var sums = new Dictionary<string, GroupSnapshot>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            string key = group.Map(g.Group);
            sums[key] = sums.TryGetValue(key, out var sum)
                ? new GroupSnapshot(key, sum.Devices + g.Devices, sum.Issues + g.Issues, sum.CriticalIssues + g.CriticalIssues,
                    sum.WarningIssues + g.WarningIssues, sum.DevicesWithCriticalIssues + g.DevicesWithCriticalIssues,
                    sum.DevicesInfected + g.DevicesInfected, sum.Threats + g.Threats)
                : g with { Group = key };
        }
        return [.. sums.Values.OrderBy(g => g.Group, StringComparer.Ordinal)];
    }

    private static StaleCount[] Stale(IReadOnlyList<StaleCount> stale, LabelFold group)
    {
        // Thresholds keep their order within a group: the order they first appear in is the snapshot's.
        var thresholds = new List<string>();
        var sums = new Dictionary<(string Group, string OlderThan), int>();
        foreach (var s in stale)
        {
            if (!thresholds.Contains(s.OlderThan))
                thresholds.Add(s.OlderThan);
            var key = (group.Map(s.Group), s.OlderThan);
            sums[key] = sums.GetValueOrDefault(key) + s.Count;
        }
        return [.. sums.Select(s => new StaleCount(s.Key.Group, s.Key.OlderThan, s.Value))
            .OrderBy(s => s.Group, StringComparer.Ordinal).ThenBy(s => thresholds.IndexOf(s.OlderThan))];
    }

    private static CategoryCount[] Categories(IReadOnlyList<CategoryCount> categories, LabelFold category)
    {
        var sums = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in categories)
        {
            string key = category.Map(c.Category);
            sums[key] = sums.GetValueOrDefault(key) + c.Count;
        }
        return [.. sums.Select(s => new CategoryCount(s.Key, s.Value)).OrderBy(c => c.Category, StringComparer.Ordinal)];
    }
}
