using MetaAccessExporter.Inventory;
using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Metrics;

/// <summary>Inventory passes (the list) on <c>/metrics</c>: how complete and how fresh the model's view of the whole fleet is.</summary>
public static class InventoryFamilies
{
    public static readonly IReadOnlyList<MetricFamily<InventoryStatus>> Table =
    [
        new("metaaccess_inventory_last_pass_completed_timestamp_seconds",
            "When the latest complete inventory pass ended (Unix seconds); absent before the first.", MetricType.Gauge,
            (i, s) => { if (i.LastPassCompleted is { } t) s.Add(t.ToUnixTimeMilliseconds() / 1000.0); }),
        new("metaaccess_inventory_last_pass_duration_seconds", "How long the latest complete inventory pass took.", MetricType.Gauge,
            (i, s) => { if (i.LastPassDuration is { } d) s.Add(d.TotalSeconds); }),
        new("metaaccess_inventory_last_pass_devices", "Devices the latest complete inventory pass listed.", MetricType.Gauge,
            (i, s) => { if (i.LastPassCompleted is not null) s.Add(i.LastPassListed); }),
        new("metaaccess_inventory_pass_in_progress", "1 while an inventory pass is under way.", MetricType.Gauge,
            (i, s) => s.Add(i.PassStarted is null ? 0 : 1)),
        new("metaaccess_inventory_pass_listed_devices", "Devices the inventory pass under way has listed so far (0 between passes).",
            MetricType.Gauge,
            (i, s) => s.Add(i.PassListed)),
        new("metaaccess_inventory_passes_total", "Inventory passes completed.", MetricType.Counter,
            (i, s) => s.Add(i.PassesCompleted)),
        new("metaaccess_inventory_reconciled_devices_total",
            "Devices reconciliation added (listed, unknown to the model) or removed (unlisted, unchanged since the pass began).",
            MetricType.Counter,
            (i, s) =>
            {
                s.Add(i.Added, new Label("change", "added"));
                s.Add(i.Removed, new Label("change", "removed"));
            }),
    ];
}
