using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Metrics;

/// <summary>The per-device series on <c>/metrics/devices</c>, one row per family.</summary>
public static class DeviceFamilies
{
    public static readonly IReadOnlyList<MetricFamily<Device>> Table =
    [
        new("metaaccess_device_info", "Descriptive labels of a device; always 1.", MetricType.Gauge,
            (d, s) => s.Add(1, new("device_id", d.Id), new("device_name", d.Name), new("group", d.Group),
                new("device_type", d.DeviceType), new("os_family", d.OsFamily), new("agent_version", d.AgentVersion))),
        new("metaaccess_device_status", "A device's compliance status and severity; always 1.", MetricType.Gauge,
            (d, s) => s.Add(1, new("device_id", d.Id), new("status", d.Status), new("severity", d.Severity))),
        new("metaaccess_device_critical_issues", "A device's total critical issues.", MetricType.Gauge,
            (d, s) => s.Add(d.CriticalIssues, new Label("device_id", d.Id))),
        new("metaaccess_device_last_seen_timestamp_seconds", "When the device's agent last reported (Unix seconds).", MetricType.Gauge,
            (d, s) => { if (d.LastSeen is { } t) s.Add(t.ToUnixTimeSeconds(), new Label("device_id", d.Id)); }),
        new("metaaccess_device_category_issue",
            "1 for each posture category in which the device's details show an issue.", MetricType.Gauge,
            (d, s) =>
            {
                if (d.Details is not { Unavailable: false } details)
                    return;
                foreach (var category in details.IssueCategories)
                    s.Add(1, new("device_id", d.Id), new("category", category));
            }),
    ];
}
