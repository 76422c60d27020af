using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Metrics;

/// <summary>The fleet aggregates on <c>/metrics</c>, one row per family, read from a <see cref="FleetSnapshot"/>.</summary>
public static class FleetFamilies
{
    public static readonly IReadOnlyList<MetricFamily<FleetSnapshot>> Table =
    [
        new("metaaccess_devices", "Devices in the model by group, compliance status and severity.", MetricType.Gauge,
            (f, s) =>
            {
                foreach (var d in f.Devices)
                    s.Add(d.Count, new("group", d.Group), new("status", d.Status), new("severity", d.Severity));
            }),
        new("metaaccess_issues", "Sum of the devices' total issues, by group.", MetricType.Gauge,
            (f, s) => { foreach (var g in f.Groups) s.Add(g.Issues, new Label("group", g.Group)); }),
        new("metaaccess_critical_issues", "Sum of the devices' total critical issues, by group.", MetricType.Gauge,
            (f, s) => { foreach (var g in f.Groups) s.Add(g.CriticalIssues, new Label("group", g.Group)); }),
        new("metaaccess_warning_issues", "Sum of the devices' total warning issues, by group.", MetricType.Gauge,
            (f, s) => { foreach (var g in f.Groups) s.Add(g.WarningIssues, new Label("group", g.Group)); }),
        new("metaaccess_devices_with_critical_issues", "Devices with at least one critical issue, by group.", MetricType.Gauge,
            (f, s) => { foreach (var g in f.Groups) s.Add(g.DevicesWithCriticalIssues, new Label("group", g.Group)); }),
        new("metaaccess_devices_stale",
            "Devices whose last_seen is older than the threshold at the time of the scrape, by group.", MetricType.Gauge,
            (f, s) => { foreach (var c in f.Stale) s.Add(c.Count, new("group", c.Group), new("older_than", c.OlderThan)); }),
    ];

    /// <summary>What device details add; served only while enrichment is on, so "0 infected" is never a guess.</summary>
    public static readonly IReadOnlyList<MetricFamily<FleetSnapshot>> EnrichmentTable =
    [
        new("metaaccess_devices_with_category_issue", "Devices whose details show an issue in the posture category.", MetricType.Gauge,
            (f, s) => { foreach (var c in f.CategoryIssues) s.Add(c.Count, new Label("category", c.Category)); }),
        new("metaaccess_devices_with_critical_category_issue",
            "Devices whose details show a critical issue in the posture category.", MetricType.Gauge,
            (f, s) => { foreach (var c in f.CriticalCategoryIssues) s.Add(c.Count, new Label("category", c.Category)); }),
        new("metaaccess_devices_infected", "Devices whose details report at least one threat, by group.", MetricType.Gauge,
            (f, s) => { foreach (var g in f.Groups) s.Add(g.DevicesInfected, new Label("group", g.Group)); }),
        new("metaaccess_threats", "Threats reported in device details, by group.", MetricType.Gauge,
            (f, s) => { foreach (var g in f.Groups) s.Add(g.Threats, new Label("group", g.Group)); }),
    ];
}
