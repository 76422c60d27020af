using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Metrics;

/// <summary>
/// The fleet families of <c>/metrics</c> (<see cref="FleetFamilies.Table"/> and
/// <see cref="FleetFamilies.EnrichmentTable"/>), one row per case: devices in a model, the exact text of
/// the named families out, read from <see cref="DeviceModel.Snapshot"/> by <see cref="FamilyTable.Write"/>.
/// </summary>
public class FleetFamiliesTableTests
{
    private const string Count = "metaaccess_devices";
    private const string Issues = "metaaccess_issues";
    private const string Critical = "metaaccess_critical_issues";
    private const string Warning = "metaaccess_warning_issues";
    private const string WithCritical = "metaaccess_devices_with_critical_issues";
    private const string Stale = "metaaccess_devices_stale";
    private const string Category = "metaaccess_devices_with_category_issue";
    private const string CriticalCategory = "metaaccess_devices_with_critical_category_issue";
    private const string Infected = "metaaccess_devices_infected";
    private const string Threats = "metaaccess_threats";

    private static readonly IReadOnlyList<StaleThreshold> Thresholds = StaleThreshold.ParseList("1d,7d,30d");
    private static readonly Label[] Account = [new("account", "acme")];

    private static readonly FamilyCase[] Cases =
    [
        new("an empty model has every family's HELP and TYPE and no sample",
            [Count, Issues, Critical, Warning, WithCritical, Stale, Category, CriticalCategory, Infected, Threats], [], """
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            # HELP metaaccess_issues Sum of the devices' total issues, by group.
            # TYPE metaaccess_issues gauge
            # HELP metaaccess_critical_issues Sum of the devices' total critical issues, by group.
            # TYPE metaaccess_critical_issues gauge
            # HELP metaaccess_warning_issues Sum of the devices' total warning issues, by group.
            # TYPE metaaccess_warning_issues gauge
            # HELP metaaccess_devices_with_critical_issues Devices with at least one critical issue, by group.
            # TYPE metaaccess_devices_with_critical_issues gauge
            # HELP metaaccess_devices_stale Devices whose last_seen is older than the threshold at the time of the scrape, by group.
            # TYPE metaaccess_devices_stale gauge
            # HELP metaaccess_devices_with_category_issue Devices whose details show an issue in the posture category.
            # TYPE metaaccess_devices_with_category_issue gauge
            # HELP metaaccess_devices_with_critical_category_issue Devices whose details show a critical issue in the posture category.
            # TYPE metaaccess_devices_with_critical_category_issue gauge
            # HELP metaaccess_devices_infected Devices whose details report at least one threat, by group.
            # TYPE metaaccess_devices_infected gauge
            # HELP metaaccess_threats Threats reported in device details, by group.
            # TYPE metaaccess_threats gauge
            """),

        new("devices are counted by group, status and severity", [Count],
            [
                Devices.Make("a"),
                Devices.Make("b", status: "non_compliant", severity: "critical", total: 4, critical: 3, warning: 1),
                Devices.Make("c", status: "non_compliant", severity: "critical", total: 2, critical: 2),
                Devices.Make("d", group: "Sales"),
            ], """
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            metaaccess_devices{account="acme",group="Finance",status="compliant",severity="none"} 1
            metaaccess_devices{account="acme",group="Finance",status="non_compliant",severity="critical"} 2
            metaaccess_devices{account="acme",group="Sales",status="compliant",severity="none"} 1
            """),

        new("issues are summed by group, and devices with a critical issue counted", [Issues, Critical, Warning, WithCritical],
            [
                Devices.Make("a", total: 10, critical: 3, warning: 7),
                Devices.Make("b", total: 2, warning: 2),
                Devices.Make("c", group: "Sales", total: 1, critical: 1),
                Devices.Make("d", group: "Sales"),
            ], """
            # HELP metaaccess_issues Sum of the devices' total issues, by group.
            # TYPE metaaccess_issues gauge
            metaaccess_issues{account="acme",group="Finance"} 12
            metaaccess_issues{account="acme",group="Sales"} 1
            # HELP metaaccess_critical_issues Sum of the devices' total critical issues, by group.
            # TYPE metaaccess_critical_issues gauge
            metaaccess_critical_issues{account="acme",group="Finance"} 3
            metaaccess_critical_issues{account="acme",group="Sales"} 1
            # HELP metaaccess_warning_issues Sum of the devices' total warning issues, by group.
            # TYPE metaaccess_warning_issues gauge
            metaaccess_warning_issues{account="acme",group="Finance"} 9
            metaaccess_warning_issues{account="acme",group="Sales"} 0
            # HELP metaaccess_devices_with_critical_issues Devices with at least one critical issue, by group.
            # TYPE metaaccess_devices_with_critical_issues gauge
            metaaccess_devices_with_critical_issues{account="acme",group="Finance"} 1
            metaaccess_devices_with_critical_issues{account="acme",group="Sales"} 1
            """),

        new("status and severity from the feed are trimmed, lower-cased, joined with _; missing is unknown", [Count],
            [
                FeedDevices.Map("f1", status: " Non-Compliant ", severity: "CRITICAL"),
                FeedDevices.Map("f2", status: "non compliant", severity: "Critical "),
                FeedDevices.Map("f3", status: null, severity: ""),
                FeedDevices.Map("f4", status: "Pending Review", severity: "  "),
                FeedDevices.Map("f5", status: "exempted", severity: "Warning"),
            ], """
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            metaaccess_devices{account="acme",group="Finance",status="exempted",severity="warning"} 1
            metaaccess_devices{account="acme",group="Finance",status="non_compliant",severity="critical"} 2
            metaaccess_devices{account="acme",group="Finance",status="pending_review",severity="unknown"} 1
            metaaccess_devices{account="acme",group="Finance",status="unknown",severity="unknown"} 1
            """),

        new("a missing or blank group is unassigned; a group is trimmed and keeps its case", [Count, Issues],
            [
                FeedDevices.Map("g1", group: null, total: 1),
                FeedDevices.Map("g2", group: "", total: 2),
                FeedDevices.Map("g3", group: " \t ", total: 3),
                FeedDevices.Map("g4", group: "  Finance ", total: 4),
                FeedDevices.Map("g5", group: "finance", total: 5),
                FeedDevices.Map("g6", group: "Finance", total: 6),
            ], """
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            metaaccess_devices{account="acme",group="Finance",status="compliant",severity="none"} 2
            metaaccess_devices{account="acme",group="finance",status="compliant",severity="none"} 1
            metaaccess_devices{account="acme",group="unassigned",status="compliant",severity="none"} 3
            # HELP metaaccess_issues Sum of the devices' total issues, by group.
            # TYPE metaaccess_issues gauge
            metaaccess_issues{account="acme",group="Finance"} 10
            metaaccess_issues{account="acme",group="finance"} 5
            metaaccess_issues{account="acme",group="unassigned"} 6
            """),

        new("quotes, backslashes and newlines in groups are escaped; UTF-8 passes as it is", [Count, Issues],
            [
                Devices.Make("e1", group: "HQ \"Main\" Office", total: 1),
                Devices.Make("e2", group: @"C:\Fleet\", total: 2),
                Devices.Make("e3", group: "two\nlines", total: 3),
                Devices.Make("e4", group: "Zürich", total: 4),
                Devices.Make("e5", group: "東京 🚀", total: 5),
            ], """
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            metaaccess_devices{account="acme",group="C:\\Fleet\\",status="compliant",severity="none"} 1
            metaaccess_devices{account="acme",group="HQ \"Main\" Office",status="compliant",severity="none"} 1
            metaaccess_devices{account="acme",group="Zürich",status="compliant",severity="none"} 1
            metaaccess_devices{account="acme",group="two\nlines",status="compliant",severity="none"} 1
            metaaccess_devices{account="acme",group="東京 🚀",status="compliant",severity="none"} 1
            # HELP metaaccess_issues Sum of the devices' total issues, by group.
            # TYPE metaaccess_issues gauge
            metaaccess_issues{account="acme",group="C:\\Fleet\\"} 2
            metaaccess_issues{account="acme",group="HQ \"Main\" Office"} 1
            metaaccess_issues{account="acme",group="Zürich"} 4
            metaaccess_issues{account="acme",group="two\nlines"} 3
            metaaccess_issues{account="acme",group="東京 🚀"} 5
            """),

        new("stale devices are counted per threshold at the scrape; a device without last_seen never is", [Stale], StaleFleet(), """
            # HELP metaaccess_devices_stale Devices whose last_seen is older than the threshold at the time of the scrape, by group.
            # TYPE metaaccess_devices_stale gauge
            metaaccess_devices_stale{account="acme",group="Finance",older_than="1d"} 2
            metaaccess_devices_stale{account="acme",group="Finance",older_than="7d"} 1
            metaaccess_devices_stale{account="acme",group="Sales",older_than="1d"} 1
            metaaccess_devices_stale{account="acme",group="Sales",older_than="7d"} 1
            metaaccess_devices_stale{account="acme",group="Sales",older_than="30d"} 1
            """),

        new("the same devices scraped 23 days later are staler, with no poll in between", [Stale], StaleFleet(), """
            # HELP metaaccess_devices_stale Devices whose last_seen is older than the threshold at the time of the scrape, by group.
            # TYPE metaaccess_devices_stale gauge
            metaaccess_devices_stale{account="acme",group="Finance",older_than="1d"} 4
            metaaccess_devices_stale{account="acme",group="Finance",older_than="7d"} 4
            metaaccess_devices_stale{account="acme",group="Finance",older_than="30d"} 1
            metaaccess_devices_stale{account="acme",group="Sales",older_than="1d"} 1
            metaaccess_devices_stale{account="acme",group="Sales",older_than="7d"} 1
            metaaccess_devices_stale{account="acme",group="Sales",older_than="30d"} 1
            """) { At = Devices.Now.AddDays(23) },

        new("a stale device that checks in is no longer counted", [Stale],
            [
                Devices.Make("s4", lastSeen: Devices.Now.AddDays(-8)),
                Devices.Make("s5", group: "Sales", lastSeen: Devices.Now.AddDays(-31)),
            ], """
            # HELP metaaccess_devices_stale Devices whose last_seen is older than the threshold at the time of the scrape, by group.
            # TYPE metaaccess_devices_stale gauge
            metaaccess_devices_stale{account="acme",group="Sales",older_than="1d"} 1
            metaaccess_devices_stale{account="acme",group="Sales",older_than="7d"} 1
            metaaccess_devices_stale{account="acme",group="Sales",older_than="30d"} 1
            """) { Later = [Devices.Make("s4", lastSeen: Devices.Now.AddMinutes(-1))] },

        new("a combination no device has any more disappears; the group's sums stay, at zero", [Count, Critical, WithCritical],
            [
                Devices.Make("a", status: "non_compliant", severity: "critical", total: 2, critical: 2),
                Devices.Make("b"),
            ], """
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            metaaccess_devices{account="acme",group="Finance",status="compliant",severity="none"} 2
            # HELP metaaccess_critical_issues Sum of the devices' total critical issues, by group.
            # TYPE metaaccess_critical_issues gauge
            metaaccess_critical_issues{account="acme",group="Finance"} 0
            # HELP metaaccess_devices_with_critical_issues Devices with at least one critical issue, by group.
            # TYPE metaaccess_devices_with_critical_issues gauge
            metaaccess_devices_with_critical_issues{account="acme",group="Finance"} 0
            """) { Later = [Devices.Make("a")] },

        new("a device moving to another group takes its counts along; the group it left disappears", [Count, Issues, Stale],
            [
                Devices.Make("a", total: 3, lastSeen: Devices.Now.AddDays(-2)),
                Devices.Make("b", group: "Sales", total: 1),
            ], """
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            metaaccess_devices{account="acme",group="HR",status="compliant",severity="none"} 1
            metaaccess_devices{account="acme",group="Sales",status="compliant",severity="none"} 1
            # HELP metaaccess_issues Sum of the devices' total issues, by group.
            # TYPE metaaccess_issues gauge
            metaaccess_issues{account="acme",group="HR"} 3
            metaaccess_issues{account="acme",group="Sales"} 1
            # HELP metaaccess_devices_stale Devices whose last_seen is older than the threshold at the time of the scrape, by group.
            # TYPE metaaccess_devices_stale gauge
            metaaccess_devices_stale{account="acme",group="HR",older_than="1d"} 1
            """) { Later = [Devices.Make("a", group: "HR", total: 3, lastSeen: Devices.Now.AddDays(-2))] },

        new("a deleted device's counts are gone, and a group with no device left with them",
            [Count, Issues, Critical, Warning, WithCritical, Stale],
            [
                Devices.Make("a", status: "non_compliant", severity: "critical", total: 5, critical: 2, warning: 3,
                    lastSeen: Devices.Now.AddDays(-2)),
                Devices.Make("b"),
                Devices.Make("c", group: "Sales", severity: "warning", total: 1, warning: 1, lastSeen: Devices.Now.AddDays(-8)),
            ], """
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            metaaccess_devices{account="acme",group="Finance",status="compliant",severity="none"} 1
            # HELP metaaccess_issues Sum of the devices' total issues, by group.
            # TYPE metaaccess_issues gauge
            metaaccess_issues{account="acme",group="Finance"} 0
            # HELP metaaccess_critical_issues Sum of the devices' total critical issues, by group.
            # TYPE metaaccess_critical_issues gauge
            metaaccess_critical_issues{account="acme",group="Finance"} 0
            # HELP metaaccess_warning_issues Sum of the devices' total warning issues, by group.
            # TYPE metaaccess_warning_issues gauge
            metaaccess_warning_issues{account="acme",group="Finance"} 0
            # HELP metaaccess_devices_with_critical_issues Devices with at least one critical issue, by group.
            # TYPE metaaccess_devices_with_critical_issues gauge
            metaaccess_devices_with_critical_issues{account="acme",group="Finance"} 0
            # HELP metaaccess_devices_stale Devices whose last_seen is older than the threshold at the time of the scrape, by group.
            # TYPE metaaccess_devices_stale gauge
            """) { Deleted = ["a", "c", "never-seen"] },

        new("details add category issues, infections and threats; unavailable details add nothing",
            [Category, CriticalCategory, Infected, Threats],
            [
                Devices.Make("a", details: Details(["Firewall", "Antimalware"], ["Firewall"], threats: 2)),
                Devices.Make("b", details: Details(["Firewall"], [], threats: 0)),
                Devices.Make("c", group: "Sales", details: Details(["Patch Management"], ["Patch Management"], threats: 1)),
                Devices.Make("d", group: "Sales"),
                Devices.Make("e", group: "HR", details: Details(["Firewall"], ["Firewall"], threats: 5) with { Unavailable = true }),
            ], """
            # HELP metaaccess_devices_with_category_issue Devices whose details show an issue in the posture category.
            # TYPE metaaccess_devices_with_category_issue gauge
            metaaccess_devices_with_category_issue{account="acme",category="Antimalware"} 1
            metaaccess_devices_with_category_issue{account="acme",category="Firewall"} 2
            metaaccess_devices_with_category_issue{account="acme",category="Patch Management"} 1
            # HELP metaaccess_devices_with_critical_category_issue Devices whose details show a critical issue in the posture category.
            # TYPE metaaccess_devices_with_critical_category_issue gauge
            metaaccess_devices_with_critical_category_issue{account="acme",category="Firewall"} 1
            metaaccess_devices_with_critical_category_issue{account="acme",category="Patch Management"} 1
            # HELP metaaccess_devices_infected Devices whose details report at least one threat, by group.
            # TYPE metaaccess_devices_infected gauge
            metaaccess_devices_infected{account="acme",group="Finance"} 1
            metaaccess_devices_infected{account="acme",group="HR"} 0
            metaaccess_devices_infected{account="acme",group="Sales"} 1
            # HELP metaaccess_threats Threats reported in device details, by group.
            # TYPE metaaccess_threats gauge
            metaaccess_threats{account="acme",group="Finance"} 2
            metaaccess_threats{account="acme",group="HR"} 0
            metaaccess_threats{account="acme",group="Sales"} 1
            """),

        new("a deleted device's details leave the category counts; a category with none left disappears",
            [Category, CriticalCategory, Infected, Threats],
            [
                Devices.Make("a", details: Details(["Firewall"], ["Firewall"], threats: 2)),
                Devices.Make("b", details: Details(["Firewall", "Antivirus"], [], threats: 0)),
            ], """
            # HELP metaaccess_devices_with_category_issue Devices whose details show an issue in the posture category.
            # TYPE metaaccess_devices_with_category_issue gauge
            metaaccess_devices_with_category_issue{account="acme",category="Antivirus"} 1
            metaaccess_devices_with_category_issue{account="acme",category="Firewall"} 1
            # HELP metaaccess_devices_with_critical_category_issue Devices whose details show a critical issue in the posture category.
            # TYPE metaaccess_devices_with_critical_category_issue gauge
            # HELP metaaccess_devices_infected Devices whose details report at least one threat, by group.
            # TYPE metaaccess_devices_infected gauge
            metaaccess_devices_infected{account="acme",group="Finance"} 0
            # HELP metaaccess_threats Threats reported in device details, by group.
            # TYPE metaaccess_threats gauge
            metaaccess_threats{account="acme",group="Finance"} 0
            """) { Deleted = ["a"] },
    ];

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Renders_the_families_exactly(string name)
    {
        var row = Cases.Single(c => c.Name == name);
        var model = new DeviceModel(Thresholds, []);
        row.Feed(model);
        var fleet = model.Snapshot(row.At);

        var scrape = Exposition.Render(w =>
        {
            FamilyTable.Write(FleetFamilies.Table, fleet, w, Account);
            FamilyTable.Write(FleetFamilies.EnrichmentTable, fleet, w, Account);
        });

        ExpositionFamilies.Only(scrape, row.Families).Should().Be(row.Expected);
    }

    [Fact]
    public void Every_family_of_both_tables_has_a_case() =>
        Cases.SelectMany(c => c.Families).Distinct()
            .Should().BeEquivalentTo(FleetFamilies.Table.Concat(FleetFamilies.EnrichmentTable).Select(f => f.Name));

    [Fact]
    public void Case_names_are_unique() => Cases.Select(c => c.Name).Should().OnlyHaveUniqueItems();

    /// <summary>Last seen 5 minutes, just under a day, just over a day, 8 days and 31 days ago, and never.</summary>
    private static Device[] StaleFleet() =>
    [
        Devices.Make("s1"),
        Devices.Make("s2", lastSeen: Devices.Now.AddDays(-1).AddMinutes(1)),
        Devices.Make("s3", lastSeen: Devices.Now.AddDays(-1).AddMinutes(-1)),
        Devices.Make("s4", lastSeen: Devices.Now.AddDays(-8)),
        Devices.Make("s5", group: "Sales", lastSeen: Devices.Now.AddDays(-31)),
        Devices.Make("s6", group: "Sales") with { LastSeen = null },
    ];

    private static DeviceDetailsSummary Details(string[] issues, string[] critical, int threats) =>
        new(Devices.Now, Unavailable: false, issues, critical, threats);
}
