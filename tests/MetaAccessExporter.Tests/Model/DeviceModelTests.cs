using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Model;

public class DeviceModelTests
{
    private static readonly IReadOnlyList<StaleThreshold> Thresholds = StaleThreshold.ParseList("1d,7d,30d");
    private readonly DeviceModel _model = new(Thresholds, []);

    [Fact]
    public void Aggregates_count_devices_and_sum_issues_by_group()
    {
        _model.Apply([
            Devices.Make("a", status: "compliant", severity: "none"),
            Devices.Make("b", status: "non_compliant", severity: "critical", total: 10, critical: 3, warning: 7),
            Devices.Make("c", group: "Sales", status: "non_compliant", severity: "critical", total: 2, critical: 2),
        ], []);

        var fleet = _model.Snapshot(Devices.Now);
        fleet.DeviceCount.Should().Be(3);
        fleet.Devices.Should().Equal(
            new DeviceCount("Finance", "compliant", "none", 1),
            new DeviceCount("Finance", "non_compliant", "critical", 1),
            new DeviceCount("Sales", "non_compliant", "critical", 1));
        fleet.Groups.Should().Equal(
            new GroupSnapshot("Finance", 2, 10, 3, 7, 1, 0, 0),
            new GroupSnapshot("Sales", 1, 2, 2, 0, 1, 0, 0));
    }

    [Fact]
    public void A_combination_that_falls_to_zero_disappears()
    {
        _model.Apply([Devices.Make("a", status: "non_compliant", critical: 1)], []);
        _model.Apply([Devices.Make("a", status: "compliant")], []);

        var fleet = _model.Snapshot(Devices.Now);
        fleet.Devices.Should().ContainSingle().Which.Should().Be(new DeviceCount("Finance", "compliant", "none", 1));
        fleet.Groups.Single().DevicesWithCriticalIssues.Should().Be(0);
    }

    [Fact]
    public void Deleting_the_last_device_of_a_group_removes_the_group()
    {
        _model.Apply([Devices.Make("a", group: "Sales"), Devices.Make("b")], []);
        _model.Apply([], ["a", "unknown-id"]);

        var fleet = _model.Snapshot(Devices.Now);
        fleet.Groups.Select(g => g.Group).Should().Equal("Finance");
        _model.Find("a").Should().BeNull();
    }

    [Fact]
    public void Applying_the_same_device_twice_is_idempotent_and_keeps_when_it_changed()
    {
        var first = Devices.Make("a", critical: 2);
        _model.Apply([first], []);
        _model.Apply([first with { ChangedAt = first.ChangedAt.AddMinutes(10) }], []);

        _model.Snapshot(Devices.Now).Groups.Single().CriticalIssues.Should().Be(2);
        _model.Find("a")!.ChangedAt.Should().Be(first.ChangedAt, "nothing about the device changed");
    }

    [Fact]
    public void An_update_keeps_the_details_enrichment_stored()
    {
        var details = new DeviceDetailsSummary(Devices.Now, false, ["Firewall"], ["Firewall"], 2);
        _model.Apply([Devices.Make("a")], []);
        _model.SetDetails("a", details, lastSeen: null).Should().BeTrue();
        _model.Apply([Devices.Make("a", status: "non_compliant")], []);

        _model.Find("a")!.Details.Should().Be(details);
        var fleet = _model.Snapshot(Devices.Now);
        fleet.CategoryIssues.Should().Equal(new CategoryCount("Firewall", 1));
        fleet.Groups.Single().Threats.Should().Be(2);
    }

    [Fact]
    public void A_newer_last_seen_from_details_ends_staleness_but_an_older_one_is_ignored()
    {
        _model.Apply([Devices.Make("a", lastSeen: Devices.Now.AddDays(-8))], []);
        var details = new DeviceDetailsSummary(Devices.Now, false, [], [], 0);

        _model.SetDetails("a", details, lastSeen: Devices.Now.AddDays(-9));
        Stale(Devices.Now).Should().ContainKey("7d");
        _model.SetDetails("a", details, lastSeen: Devices.Now.AddHours(-1));
        Stale(Devices.Now).Should().BeEmpty();
        _model.Find("a")!.LastSeen.Should().Be(Devices.Now.AddHours(-1));
    }

    [Fact]
    public void Stale_counts_follow_the_clock_without_a_new_poll()
    {
        _model.Apply([
            Devices.Make("fresh", lastSeen: Devices.Now.AddHours(-1)),
            Devices.Make("day-old", lastSeen: Devices.Now.AddHours(-25)),
            Devices.Make("month-old", lastSeen: Devices.Now.AddDays(-31)),
        ], []);

        Stale(Devices.Now).Should().BeEquivalentTo(new Dictionary<string, int> { ["1d"] = 2, ["7d"] = 1, ["30d"] = 1 });
        Stale(Devices.Now.AddHours(23)).Should().BeEquivalentTo(new Dictionary<string, int> { ["1d"] = 3, ["7d"] = 1, ["30d"] = 1 });
    }

    [Fact]
    public void A_device_seen_again_is_no_longer_stale()
    {
        _model.Apply([Devices.Make("a", lastSeen: Devices.Now.AddDays(-8))], []);
        Stale(Devices.Now).Should().ContainKey("7d");

        _model.Apply([Devices.Make("a", lastSeen: Devices.Now)], []);
        Stale(Devices.Now).Should().BeEmpty();
    }

    [Fact]
    public void Restoring_a_saved_model_drops_devices_not_in_it()
    {
        _model.Apply([Devices.Make("old")], []);
        _model.Restore([Devices.Make("new", group: "Sales")]);

        _model.ListDevices().Select(d => d.Id).Should().Equal("new");
        _model.Snapshot(Devices.Now).Groups.Select(g => g.Group).Should().Equal("Sales");
    }

    [Fact]
    public void Observers_see_every_change_in_order()
    {
        var seen = new List<string>();
        var model = new DeviceModel(Thresholds, [new RecordingObserver(seen)]);
        model.Apply([Devices.Make("a")], []);
        model.Apply([Devices.Make("a")], []);
        model.Apply([Devices.Make("a", status: "non_compliant")], ["a"]);

        seen.Should().Equal("+a", "~a", "-a");
    }

    private Dictionary<string, int> Stale(DateTimeOffset at) =>
        _model.Snapshot(at).Stale.GroupBy(s => s.OlderThan).ToDictionary(g => g.Key, g => g.Sum(s => s.Count));

    private sealed class RecordingObserver(List<string> seen) : IDeviceModelObserver
    {
        public void OnDeviceChanged(Device? before, Device? after) =>
            seen.Add((before, after) switch { (null, { } a) => "+" + a.Id, ({ } b, null) => "-" + b.Id, (_, { } a) => "~" + a.Id,
                _ => "?" });
    }
}
