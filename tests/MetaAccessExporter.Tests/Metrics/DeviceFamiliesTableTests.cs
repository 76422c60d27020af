using MetaAccessExporter.Metrics;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Metrics;

/// <summary>
/// The per-device families of <c>/metrics/devices</c> (<see cref="DeviceFamilies.Table"/>), one row per
/// case: devices in a model, the exact text of the named families out, as <see cref="DeviceSeriesCache"/>
/// serves it. Long <c>metaaccess_device_info</c> lines are wrapped after a comma (see <see cref="FamilyCase.Want"/>).
/// </summary>
public class DeviceFamiliesTableTests
{
    private const string Info = "metaaccess_device_info";
    private const string Status = "metaaccess_device_status";
    private const string CriticalIssues = "metaaccess_device_critical_issues";
    private const string LastSeen = "metaaccess_device_last_seen_timestamp_seconds";
    private const string CategoryIssue = "metaaccess_device_category_issue";

    private static readonly FamilyCase[] Cases =
    [
        new("an empty model has every family's HELP and TYPE and no sample",
            [Info, Status, CriticalIssues, LastSeen, CategoryIssue], [], """
            # HELP metaaccess_device_info Descriptive labels of a device; always 1.
            # TYPE metaaccess_device_info gauge
            # HELP metaaccess_device_status A device's compliance status and severity; always 1.
            # TYPE metaaccess_device_status gauge
            # HELP metaaccess_device_critical_issues A device's total critical issues.
            # TYPE metaaccess_device_critical_issues gauge
            # HELP metaaccess_device_last_seen_timestamp_seconds When the device's agent last reported (Unix seconds).
            # TYPE metaaccess_device_last_seen_timestamp_seconds gauge
            # HELP metaaccess_device_category_issue 1 for each posture category in which the device's details show an issue.
            # TYPE metaaccess_device_category_issue gauge
            """),

        new("a device without details has a series in every family but the category one",
            [Info, Status, CriticalIssues, LastSeen, CategoryIssue],
            [Devices.Make("D1", status: "non_compliant", severity: "critical", total: 3, critical: 3)], """
            # HELP metaaccess_device_info Descriptive labels of a device; always 1.
            # TYPE metaaccess_device_info gauge
            metaaccess_device_info{account="acme",device_id="D1",device_name="host",group="Finance",
                device_type="desktop",os_family="Windows",agent_version="7.6.51.0"} 1
            # HELP metaaccess_device_status A device's compliance status and severity; always 1.
            # TYPE metaaccess_device_status gauge
            metaaccess_device_status{account="acme",device_id="D1",status="non_compliant",severity="critical"} 1
            # HELP metaaccess_device_critical_issues A device's total critical issues.
            # TYPE metaaccess_device_critical_issues gauge
            metaaccess_device_critical_issues{account="acme",device_id="D1"} 3
            # HELP metaaccess_device_last_seen_timestamp_seconds When the device's agent last reported (Unix seconds).
            # TYPE metaaccess_device_last_seen_timestamp_seconds gauge
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="D1"} 1795434900
            # HELP metaaccess_device_category_issue 1 for each posture category in which the device's details show an issue.
            # TYPE metaaccess_device_category_issue gauge
            """),

        new("labels from the feed: status and severity normalised, a blank group unassigned, missing text empty", [Info, Status],
            [
                FeedDevices.Map("F1", status: " Non-Compliant ", severity: "Warning", group: "  ",
                    name: null, type: null, os: null, agent: null),
                FeedDevices.Map(" F2 ", status: null, severity: null, group: " Sales ", name: " pc-7 ", type: " laptop", os: "macOS "),
                FeedDevices.Map("F3", status: "Pending-Review", severity: "", group: null),
            ], """
            # HELP metaaccess_device_info Descriptive labels of a device; always 1.
            # TYPE metaaccess_device_info gauge
            metaaccess_device_info{account="acme",device_id="F1",device_name="",group="unassigned",
                device_type="",os_family="",agent_version=""} 1
            metaaccess_device_info{account="acme",device_id="F2",device_name="pc-7",group="Sales",
                device_type="laptop",os_family="macOS",agent_version="7.6.51.0"} 1
            metaaccess_device_info{account="acme",device_id="F3",device_name="host",group="unassigned",
                device_type="desktop",os_family="Windows",agent_version="7.6.51.0"} 1
            # HELP metaaccess_device_status A device's compliance status and severity; always 1.
            # TYPE metaaccess_device_status gauge
            metaaccess_device_status{account="acme",device_id="F1",status="non_compliant",severity="warning"} 1
            metaaccess_device_status{account="acme",device_id="F2",status="unknown",severity="unknown"} 1
            metaaccess_device_status{account="acme",device_id="F3",status="pending_review",severity="unknown"} 1
            """),

        new("quotes, backslashes and newlines in names and groups are escaped; UTF-8 passes as it is", [Info],
            [
                Devices.Make("E1", name: "say \"hi\"", group: "HQ \"Main\" Office"),
                Devices.Make("E2", name: @"C:\pc\", group: @"C:\Fleet"),
                Devices.Make("E3", name: "two\nlines", group: "one\ntwo\n"),
                Devices.Make("E4", name: "Zürich-東京-🚀", group: "Zürich"),
            ], """
            # HELP metaaccess_device_info Descriptive labels of a device; always 1.
            # TYPE metaaccess_device_info gauge
            metaaccess_device_info{account="acme",device_id="E1",device_name="say \"hi\"",group="HQ \"Main\" Office",
                device_type="desktop",os_family="Windows",agent_version="7.6.51.0"} 1
            metaaccess_device_info{account="acme",device_id="E2",device_name="C:\\pc\\",group="C:\\Fleet",
                device_type="desktop",os_family="Windows",agent_version="7.6.51.0"} 1
            metaaccess_device_info{account="acme",device_id="E3",device_name="two\nlines",group="one\ntwo\n",
                device_type="desktop",os_family="Windows",agent_version="7.6.51.0"} 1
            metaaccess_device_info{account="acme",device_id="E4",device_name="Zürich-東京-🚀",group="Zürich",
                device_type="desktop",os_family="Windows",agent_version="7.6.51.0"} 1
            """),

        new("last_seen is in Unix seconds, with or without an offset; a device without a readable one has no series", [LastSeen],
            [
                FeedDevices.Map("L1", lastSeen: "2017-10-16T03:11:09Z"),
                FeedDevices.Map("L2", lastSeen: "2017-10-16T03:11:09"),
                FeedDevices.Map("L3", lastSeen: "2017-10-16T05:11:09+02:00"),
                FeedDevices.Map("L4", lastSeen: "yesterday"),
                FeedDevices.Map("L5", lastSeen: null),
            ], """
            # HELP metaaccess_device_last_seen_timestamp_seconds When the device's agent last reported (Unix seconds).
            # TYPE metaaccess_device_last_seen_timestamp_seconds gauge
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="L1"} 1508123469
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="L2"} 1508123469
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="L3"} 1508123469
            """),

        new("details give one series per category with an issue, in their order; unavailable details give none",
            [CriticalIssues, CategoryIssue],
            [
                Devices.Make("a", total: 2, critical: 1, details: Details(["Firewall", "Antimalware"], ["Firewall"])),
                Devices.Make("b", details: Details(["Firewall"], ["Firewall"]) with { Unavailable = true }),
                Devices.Make("c"),
            ], """
            # HELP metaaccess_device_critical_issues A device's total critical issues.
            # TYPE metaaccess_device_critical_issues gauge
            metaaccess_device_critical_issues{account="acme",device_id="a"} 1
            metaaccess_device_critical_issues{account="acme",device_id="b"} 0
            metaaccess_device_critical_issues{account="acme",device_id="c"} 0
            # HELP metaaccess_device_category_issue 1 for each posture category in which the device's details show an issue.
            # TYPE metaaccess_device_category_issue gauge
            metaaccess_device_category_issue{account="acme",device_id="a",category="Firewall"} 1
            metaaccess_device_category_issue{account="acme",device_id="a",category="Antimalware"} 1
            """),

        new("a deleted device's series are gone from every family", [Info, Status, CriticalIssues, LastSeen, CategoryIssue],
            [
                Devices.Make("gone", critical: 2, details: Details(["Firewall"], ["Firewall"])),
                Devices.Make("kept", name: "pc", details: Details(["Patch Management"], [])),
            ], """
            # HELP metaaccess_device_info Descriptive labels of a device; always 1.
            # TYPE metaaccess_device_info gauge
            metaaccess_device_info{account="acme",device_id="kept",device_name="pc",group="Finance",
                device_type="desktop",os_family="Windows",agent_version="7.6.51.0"} 1
            # HELP metaaccess_device_status A device's compliance status and severity; always 1.
            # TYPE metaaccess_device_status gauge
            metaaccess_device_status{account="acme",device_id="kept",status="compliant",severity="none"} 1
            # HELP metaaccess_device_critical_issues A device's total critical issues.
            # TYPE metaaccess_device_critical_issues gauge
            metaaccess_device_critical_issues{account="acme",device_id="kept"} 0
            # HELP metaaccess_device_last_seen_timestamp_seconds When the device's agent last reported (Unix seconds).
            # TYPE metaaccess_device_last_seen_timestamp_seconds gauge
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="kept"} 1795434900
            # HELP metaaccess_device_category_issue 1 for each posture category in which the device's details show an issue.
            # TYPE metaaccess_device_category_issue gauge
            metaaccess_device_category_issue{account="acme",device_id="kept",category="Patch Management"} 1
            """) { Deleted = ["gone"] },

        new("a changed device is rendered anew, its old values gone", [Status, CriticalIssues, LastSeen],
            [
                Devices.Make("a", status: "non_compliant", severity: "critical", total: 2, critical: 2,
                    lastSeen: Devices.Now.AddDays(-3)),
            ], """
            # HELP metaaccess_device_status A device's compliance status and severity; always 1.
            # TYPE metaaccess_device_status gauge
            metaaccess_device_status{account="acme",device_id="a",status="compliant",severity="none"} 1
            # HELP metaaccess_device_critical_issues A device's total critical issues.
            # TYPE metaaccess_device_critical_issues gauge
            metaaccess_device_critical_issues{account="acme",device_id="a"} 0
            # HELP metaaccess_device_last_seen_timestamp_seconds When the device's agent last reported (Unix seconds).
            # TYPE metaaccess_device_last_seen_timestamp_seconds gauge
            metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="a"} 1795435140
            """) { Later = [Devices.Make("a", lastSeen: Devices.Now.AddMinutes(-1))] },

        new("devices come in ordinal order of their ids", [CriticalIssues],
            [
                Devices.Make("b", critical: 1), Devices.Make("Ä", critical: 2), Devices.Make("a9", critical: 3),
                Devices.Make("a10", critical: 4), Devices.Make("B", critical: 5),
            ], """
            # HELP metaaccess_device_critical_issues A device's total critical issues.
            # TYPE metaaccess_device_critical_issues gauge
            metaaccess_device_critical_issues{account="acme",device_id="B"} 5
            metaaccess_device_critical_issues{account="acme",device_id="a10"} 4
            metaaccess_device_critical_issues{account="acme",device_id="a9"} 3
            metaaccess_device_critical_issues{account="acme",device_id="b"} 1
            metaaccess_device_critical_issues{account="acme",device_id="Ä"} 2
            """),
    ];

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Renders_the_families_exactly(string name)
    {
        var row = Cases.Single(c => c.Name == name);
        var cache = new DeviceSeriesCache("acme");
        row.Feed(new DeviceModel(StaleThreshold.ParseList("1d"), [cache]));

        var scrape = Exposition.Render(cache);

        ExpositionFamilies.Only(scrape, row.Families).Should().Be(row.Expected);
    }

    [Fact]
    public void Every_family_of_the_table_has_a_case() =>
        Cases.SelectMany(c => c.Families).Distinct()
            .Should().BeEquivalentTo(DeviceFamilies.Table.Select(f => f.Name));

    [Fact]
    public void Case_names_are_unique() => Cases.Select(c => c.Name).Should().OnlyHaveUniqueItems();

    private static DeviceDetailsSummary Details(string[] issues, string[] critical) =>
        new(Devices.Now, Unavailable: false, issues, critical, Threats: 0);
}
