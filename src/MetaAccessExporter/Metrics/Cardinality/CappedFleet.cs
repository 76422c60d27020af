using MetaAccessExporter.Model;

namespace MetaAccessExporter.Metrics.Cardinality;

/// <summary>
/// The fleet as <c>/metrics</c> and OTLP show it: the model's aggregates with each open label (group,
/// status, severity, category) held to <c>Exporter:MaxLabelValues</c> values, so an account with 10,000
/// groups cannot flood Prometheus. A group kept or folded is kept or folded in every family that has the
/// label. Reads only the aggregates: a scrape costs what the distinct values cost, never a walk of the devices.
/// </summary>
public sealed class CappedFleet(DeviceModel model, int maxLabelValues, TimeProvider time)
{
    private readonly LabelCap _group = new("group", maxLabelValues);
    private readonly LabelCap _status = new("status", maxLabelValues);
    private readonly LabelCap _severity = new("severity", maxLabelValues);
    private readonly LabelCap _category = new("category", maxLabelValues);

    public CappedFleetSnapshot Read()
    {
        var fleet = model.Snapshot(time.GetUtcNow());
        var group = _group.Fold(fleet.Groups.ToDictionary(g => g.Group, g => (long)g.Devices, StringComparer.Ordinal));
        var status = _status.Fold(DevicesBy(fleet.Devices, d => d.Status));
        var severity = _severity.Fold(DevicesBy(fleet.Devices, d => d.Severity));
        var category = _category.Fold(DevicesByCategory(fleet));
        LabelFold[] labels = [group, status, severity, category];
        bool folding = labels.Any(l => l.Kept is not null);
        return new CappedFleetSnapshot(folding ? FleetFold.Apply(fleet, group, status, severity, category) : fleet, labels, maxLabelValues);
    }

    private static Dictionary<string, long> DevicesBy(IReadOnlyList<DeviceCount> devices, Func<DeviceCount, string> label)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var d in devices)
            counts[label(d)] = counts.GetValueOrDefault(label(d)) + d.Count;
        return counts;
    }

    // Ranked by devices with an issue in the category; a category seen only among critical issues still counts as a value.
    private static Dictionary<string, long> DevicesByCategory(FleetSnapshot fleet)
    {
        var counts = fleet.CategoryIssues.ToDictionary(c => c.Category, c => (long)c.Count, StringComparer.Ordinal);
        foreach (var c in fleet.CriticalCategoryIssues)
            counts.TryAdd(c.Category, 0);
        return counts;
    }
}

/// <summary>What a scrape shows of the fleet, with how each open label was held to the cap.</summary>
public sealed record CappedFleetSnapshot(FleetSnapshot Fleet, IReadOnlyList<LabelFold> Labels, int MaxLabelValues);
