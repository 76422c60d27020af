using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Metrics;

/// <summary>The exporter's own timing settings on <c>/metrics</c>, for rules whose thresholds follow them.</summary>
public static class SettingsFamilies
{
    public static readonly IReadOnlyList<MetricFamily<ExporterSettings>> Table =
    [
        new("metaaccess_config_poll_interval_seconds", "MetaAccess:PollInterval: the time between delta polls.", MetricType.Gauge,
            (c, s) => s.Add(c.PollInterval.TotalSeconds)),
        new("metaaccess_config_stale_threshold_seconds",
            "Exporter:StaleAfter: the last_seen age each older_than value of metaaccess_devices_stale stands for.", MetricType.Gauge,
            (c, s) =>
            {
                foreach (var threshold in c.StaleAfter)
                    s.Add(threshold.Age.TotalSeconds, new Label("older_than", threshold.Label));
            }),
        new("metaaccess_config_inventory_refresh_seconds",
            "Inventory:RefreshAfter: every device is read again from the inventory at least this often.", MetricType.Gauge,
            (c, s) => s.Add(c.InventoryRefreshAfter.TotalSeconds)),
        new("metaaccess_config_account_refresh_seconds", "Account:RefreshInterval: how often account details are read.",
            MetricType.Gauge,
            (c, s) => s.Add(c.AccountRefreshInterval.TotalSeconds)),
        new("metaaccess_config_enrichment_refresh_seconds",
            "Enrichment:RefreshAfter: device details older than this are fetched again; absent with enrichment off.",
            MetricType.Gauge,
            (c, s) => { if (c.EnrichmentRefreshAfter is { } r) s.Add(r.TotalSeconds); }),
    ];
}
