using MetaAccessExporter.Metrics;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Metrics;

public class DeviceSeriesCacheTests
{
    private readonly DeviceSeriesCache _cache = new("acme");
    private readonly DeviceModel _model;

    public DeviceSeriesCacheTests() => _model = new DeviceModel(StaleThreshold.ParseList("1d"), [_cache]);

    [Fact]
    public void Renders_every_device_family_by_family_with_escaped_labels()
    {
        _model.Apply([
            Devices.Make("D1", group: "HQ \"Main\"", name: "tle\\pc\nnew", status: "non_compliant", severity: "critical", critical: 3,
                lastSeen: new DateTimeOffset(2017, 10, 16, 3, 11, 9, TimeSpan.Zero),
                details: new DeviceDetailsSummary(Devices.Now, false, ["Firewall", "Anti-phishing"], ["Firewall"], 0)),
            Devices.Make("D0", group: "Zürich", name: "<private>"),
        ], []);

        Render().Should().Be(Exposition.Unwrap("""
            # HELP metaaccess_device_info Descriptive labels of a device; always 1.
            # TYPE metaaccess_device_info gauge
            metaaccess_device_info{account="acme",device_id="D0",device_name="<private>",group="Zürich",device_type="desktop",
                os_family="Windows",agent_version="7.6.51.0"} 1
            metaaccess_device_info{account="acme",device_id="D1",device_name="tle\\pc\nnew",group="HQ \"Main\"",device_type="desktop",
                os_family="Windows",agent_version="7.6.51.0"} 1
            # HELP metaaccess_device_status A device's compliance status and severity; always 1.
            # TYPE metaaccess_device_status gauge
            metaaccess_device_status{account="acme",device_id="D0",status="compliant",severity="none"} 1
            metaaccess_device_status{account="acme",device_id="D1",status="non_compliant",severity="critical"} 1
            # HELP metaaccess_device_critical_issues A device's total critical issues.
            # TYPE metaaccess_device_critical_issues gauge
            metaaccess_device_critical_issues{account="acme",device_id="D0"} 0
            metaaccess_device_critical_issues{account="acme",device_id="D1"} 3
            # HELP metaaccess_device_last_seen_timestamp_seconds When the device's agent last reported (Unix seconds).
            # TYPE metaaccess_device_last_seen_timestamp_seconds gauge
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="D0"} 1795434900
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="D1"} 1508123469
            # HELP metaaccess_device_category_issue 1 for each posture category in which the device's details show an issue.
            # TYPE metaaccess_device_category_issue gauge
            metaaccess_device_category_issue{account="acme",device_id="D1",category="Firewall"} 1
            metaaccess_device_category_issue{account="acme",device_id="D1",category="Anti-phishing"} 1

            """));
    }

    [Fact]
    public void A_deleted_device_has_no_series_left()
    {
        _model.Apply([Devices.Make("gone"), Devices.Make("kept")], []);
        _model.Apply([], ["gone"]);

        Render().Should().NotContain("\"gone\"").And.Contain("device_id=\"kept\"");
        Render().Split('\n').Count(l => l.StartsWith("metaaccess_device_info{", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public void A_changed_device_is_rendered_anew()
    {
        _model.Apply([Devices.Make("a", status: "compliant")], []);
        _model.Apply([Devices.Make("a", status: "non_compliant")], []);

        Render().Should().Contain("status=\"non_compliant\"").And.NotContain("status=\"compliant\"");
    }

    private string Render() => Exposition.Render(_cache.WriteTo);
}
