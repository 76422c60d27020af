using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Endpoints;

public class StatusChangedWindowTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    // No days-old devices: the whole fleet changed in the last day, so every device is in the feed.
    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync(o => o.StaleShare = 0);

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task A_full_walk_with_limit_50_returns_exactly_the_fleet_oldest_change_first()
    {
        var (monitored, deleted) = await _sim.WalkAsync();

        monitored.Should().Equal(_sim.Fleet.ByChange.Select(d => d.DeviceId));
        deleted.Should().BeEmpty();
    }

    [Fact]
    public async Task A_status_change_shows_up_for_an_age_covering_it_and_not_for_a_smaller_one()
    {
        _sim.Time.Advance(TimeSpan.FromHours(2));
        var id = _sim.Fleet.Ids[17];
        _sim.Server.Fleet.SetStatus(id, "non-compliant", "critical");
        _sim.Time.Advance(TimeSpan.FromMinutes(10));

        var covering = await _sim.PageAsync(page: 1, age: 600);
        var smaller = await _sim.PageAsync(page: 1, age: 599);

        SimulatorHarness.Ids(covering, "monitored_devices").Should().Equal(id);
        var entry = covering.GetProperty("monitored_devices")[0];
        entry.GetProperty("status").GetString().Should().Be("non-compliant");
        entry.GetProperty("severity").GetString().Should().Be("critical");
        SimulatorHarness.Ids(smaller, "monitored_devices").Should().BeEmpty();
    }

    [Fact]
    public async Task A_deletion_leaves_a_tombstone_inside_the_window_only()
    {
        _sim.Time.Advance(TimeSpan.FromHours(2));
        var device = _sim.Server.Fleet.Snapshot()[3];
        _sim.Server.Fleet.Delete(device.DeviceId);
        _sim.Time.Advance(TimeSpan.FromHours(1));

        var inside = await _sim.PageAsync(page: 1, age: 3600);
        var outside = await _sim.PageAsync(page: 1, age: 3599);

        SimulatorHarness.Ids(inside, "deleted_devices").Should().Equal(device.DeviceId);
        inside.GetProperty("deleted_devices")[0].GetProperty("network_info")[0].TryGetProperty("mac", out var mac)
            .Should().Be(!device.IsPrivate);
        SimulatorHarness.Ids(outside, "deleted_devices").Should().BeEmpty();

        _sim.Time.Advance(TimeSpan.FromHours(24));
        (await _sim.WalkAsync()).Deleted.Should().BeEmpty("the feed reaches back 24 hours only");
    }

    [Fact]
    public async Task A_walk_reflects_the_fleet_after_churn()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.MeanTimeBetweenChanges = TimeSpan.FromSeconds(5));
        sim.Time.Advance(TimeSpan.FromHours(6));

        var (monitored, deleted) = await sim.WalkAsync();

        var since = sim.Time.GetUtcNow().AddDays(-1);
        monitored.Should().Equal(sim.Fleet.ByChange.Where(d => d.ChangedAt >= since).Select(d => d.DeviceId));
        deleted.Should().NotBeEmpty("about 3% of some 4300 events are deletions");
        deleted.Should().BeEquivalentTo(sim.Server.Fleet.Departures().Where(d => !d.Silent).Select(d => d.DeviceId));
        deleted.Should().NotIntersectWith(sim.Fleet.Ids);
    }

    [Fact]
    public async Task Verbose_0_gives_the_short_field_set_and_verbose_1_the_long_one()
    {
        var brief = (await _sim.PageAsync(page: 1, verbose: 0)).GetProperty("monitored_devices")[0];
        var full = (await _sim.PageAsync(page: 1, verbose: 1)).GetProperty("monitored_devices")[0];

        Names(brief).Should().BeEquivalentTo(["device_id", "severity", "status", "issue", "network_info"]);
        Names(full).Should().Contain(
        [
            "device_id", "severity", "status", "issue", "network_info", "device_name", "nick_name", "device_type",
            "agent_version", "oesis_version", "last_seen", "public_ip", "country", "user_identity", "user_info",
            "link_user", "remediation_link", "os_info", "status_detail",
        ]);
        var device = _sim.Server.Fleet.Find(full.GetProperty("device_id").GetString()!)!;
        full.GetProperty("last_seen").GetString().Should().Be(device.LastSeenAtChange.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        full.GetProperty("os_info").GetProperty("family").GetString().Should().Be(device.OsFamily);
    }

    [Fact]
    public async Task Issue_counts_use_both_spellings_and_private_devices_hide_their_addresses()
    {
        var entries = new List<JsonElement>();
        for (var page = 1; page <= 4; page++)
        {
            entries.AddRange((await _sim.PageAsync(page, verbose: 1)).GetProperty("monitored_devices").EnumerateArray());
        }

        entries.Count(e => Has(e.GetProperty("issue"), "total_issue")).Should().BeGreaterThan(0);
        entries.Count(e => Has(e.GetProperty("issue"), "total_issues")).Should().BeGreaterThan(0);
        var hidden = entries.Where(e => e.GetProperty("device_name").GetString() == "<private>").ToList();
        hidden.Should().NotBeEmpty();
        hidden.Should().OnlyContain(e => !Has(e.GetProperty("network_info")[0], "mac"));
    }

    private static bool Has(JsonElement element, string name) => element.TryGetProperty(name, out _);

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);
}
