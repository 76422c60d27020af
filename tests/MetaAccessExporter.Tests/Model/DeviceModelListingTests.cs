using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Model;

public class DeviceModelListingTests
{
    private static readonly DateTimeOffset Now = Devices.Now;
    private readonly FakeTimeProvider _time = new(Now);
    private readonly DeviceModel _model;

    public DeviceModelListingTests() => _model = new DeviceModel(StaleThreshold.ParseList("1d,7d"), [], _time);

    [Fact]
    public void A_listed_device_the_model_lacked_joins_it_with_defaults_for_what_was_not_listed()
    {
        int added = _model.ApplyListing([Listed("new", group: null, total: null)], Now);

        added.Should().Be(1);
        _model.Find("new").Should().BeEquivalentTo(new { Group = "unassigned", TotalIssues = 0, Status = "compliant",
            LastSeen = Now.AddDays(-9) });
        _model.Snapshot(Now).Stale.Should().Contain(new StaleCount("unassigned", "7d", 1),
            "a device unchanged for days counts as stale at once");
    }

    [Fact]
    public void The_listing_wins_for_a_known_device_but_keeps_what_it_does_not_carry()
    {
        _model.Apply([Devices.Make("a", group: "Sales", status: "compliant", total: 4, critical: 1, warning: 3, lastSeen: Now.AddDays(-3))],
            []);
        _time.Advance(TimeSpan.FromMinutes(5));

        _model.ApplyListing([Listed("a", status: "non_compliant", group: null, total: null, lastSeen: Now.AddMinutes(4))],
            _time.GetUtcNow());

        _model.Find("a").Should().BeEquivalentTo(new
        {
            Status = "non_compliant", Group = "Sales", TotalIssues = 4, CriticalIssues = 1, LastSeen = Now.AddMinutes(4),
        });
    }

    [Fact]
    public void A_device_that_changed_after_the_page_was_asked_for_keeps_its_newer_data_and_the_later_last_seen()
    {
        var askedAt = Now.AddMinutes(-1);
        _model.Apply([Devices.Make("a", status: "non_compliant", lastSeen: Now.AddDays(-2))], []);

        _model.ApplyListing([Listed("a", status: "compliant", lastSeen: Now.AddMinutes(-30))], askedAt);

        _model.Find("a").Should().BeEquivalentTo(new { Status = "non_compliant", LastSeen = Now.AddMinutes(-30) });
    }

    [Fact]
    public void An_agent_report_that_moves_only_last_seen_is_not_a_change_of_the_device()
    {
        _model.Apply([Devices.Make("a", lastSeen: Now.AddDays(-2))], []);
        var changedAt = _model.Find("a")!.ChangedAt;
        _time.Advance(TimeSpan.FromHours(1));

        _model.ApplyListing([Listed("a", group: "Finance", lastSeen: _time.GetUtcNow())], _time.GetUtcNow());

        _model.Find("a")!.LastSeen.Should().Be(_time.GetUtcNow());
        _model.Find("a")!.ChangedAt.Should().Be(changedAt, "enrichment and reconciliation look for changes, and this is none");
    }

    [Fact]
    public void A_feed_entry_never_moves_last_seen_back()
    {
        _model.ApplyListing([Listed("a", lastSeen: Now)], Now);

        _model.Apply([Devices.Make("a", status: "compliant", severity: "none", lastSeen: Now.AddDays(-1))], []);

        _model.Find("a")!.LastSeen.Should().Be(Now, "the feed's last_seen is only as new as the device's last status change");
    }

    [Fact]
    public void A_device_deleted_after_the_page_was_asked_for_does_not_come_back()
    {
        _model.Apply([Devices.Make("gone")], []);
        var askedAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(3));
        _model.Apply([], ["gone"]);

        _model.ApplyListing([Listed("gone")], askedAt).Should().Be(0);

        _model.Find("gone").Should().BeNull();
    }

    [Fact]
    public void A_device_the_feed_deleted_before_the_model_knew_it_is_not_brought_in_by_an_older_listing()
    {
        var askedAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(3));
        _model.Apply([], ["never-known"]);

        _model.ApplyListing([Listed("never-known")], askedAt).Should().Be(0);

        _model.Find("never-known").Should().BeNull();
    }

    [Fact]
    public void A_pass_removes_what_it_did_not_list_unless_it_changed_since_the_pass_began()
    {
        _model.Apply([Devices.Make("listed"), Devices.Make("left-silently")], []);
        var passStarted = Now.AddSeconds(1);
        _model.Apply([Devices.Make("enrolled-meanwhile") with { ChangedAt = Now.AddSeconds(2) }], []);

        int removed = _model.RemoveUnlisted(new HashSet<string> { "listed" }, passStarted);

        removed.Should().Be(1);
        _model.ListDevices().Select(d => d.Id).Should().BeEquivalentTo("listed", "enrolled-meanwhile");
        _model.Snapshot(Now).DeviceCount.Should().Be(2);
    }

    private static ListedDevice Listed(
        string id, string status = "compliant", string? group = "Finance", int? total = 0, DateTimeOffset? lastSeen = null) =>
        new(id, status, "none", group, total, total is null ? null : 0, total is null ? null : 0, "host", "desktop", "Windows", "7.6.51.0",
            lastSeen ?? Now.AddDays(-9));
}
