using MetaAccessExporter.Account;
using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// Account details on <c>/metrics</c>: the licence, the vendor's own device counts, and how far the model
/// is from them. Every family but the refresh counter is absent until the first successful read.
/// </summary>
public static class AccountFamilies
{
    public static readonly IReadOnlyList<MetricFamily<AccountStatus>> Table =
    [
        new("metaaccess_account_info", "The account's name as the vendor states it; always 1.", MetricType.Gauge,
            (a, s) => { if (a.Latest is { Name: { } name }) s.Add(1, new Label("account_name", name)); }),
        new("metaaccess_account_devices_allowed", "Devices the account's licence allows.", MetricType.Gauge,
            (a, s) => { if (a.Latest?.DevicesAllowed is { } n) s.Add(n); }),
        new("metaaccess_account_devices_used", "Devices counted against the account's licence.", MetricType.Gauge,
            (a, s) => { if (a.Latest?.DevicesUsed is { } n) s.Add(n); }),
        new("metaaccess_account_devices_by_status", "The vendor's own count of the account's devices by status.", MetricType.Gauge,
            (a, s) => Each(a.Latest?.VendorByStatus, "status", s)),
        new("metaaccess_account_devices_by_severity", "The vendor's own count of the account's devices by issue severity.",
            MetricType.Gauge,
            (a, s) => Each(a.Latest?.VendorBySeverity, "severity", s)),
        new("metaaccess_account_model_drift_devices",
            "Devices in the model less the vendor's total, when account details were last read: 0 when they agree.", MetricType.Gauge,
            (a, s) => { if (a.Latest is { } r) s.Add(r.Drift); }),
        new("metaaccess_account_model_drift_devices_by_status",
            "Devices in the model less the vendor's count, by status, when account details were last read.", MetricType.Gauge,
            (a, s) => Each(a.Latest?.DriftByStatus, "status", s)),
        new("metaaccess_account_model_drift_devices_by_severity",
            "Devices in the model less the vendor's count, by issue severity, when account details were last read.", MetricType.Gauge,
            (a, s) => Each(a.Latest?.DriftBySeverity, "severity", s)),
        new("metaaccess_account_last_refresh_timestamp_seconds",
            "When account details were last read successfully (Unix seconds).", MetricType.Gauge,
            (a, s) => { if (a.Latest is { } r) s.Add(r.ReadAt.ToUnixTimeMilliseconds() / 1000.0); }),
        new("metaaccess_account_refreshes_total",
            "Attempts to read account details by result (a failed read is tried up to three times).", MetricType.Counter,
            (a, s) =>
            {
                s.Add(a.Refreshes, new Label("result", "success"));
                s.Add(a.Failures, new Label("result", "failure"));
            }),
    ];

    private static void Each(IEnumerable<KeyValuePair<string, long>>? counts, string label, SampleSink sink)
    {
        foreach (var (value, count) in counts ?? [])
            sink.Add(count, new Label(label, value));
    }
}
