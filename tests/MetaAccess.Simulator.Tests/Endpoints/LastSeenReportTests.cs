using System.Net.Http.Json;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Endpoints;

/// <summary>An agent that reports with nothing new moves <c>last_seen</c> without a status change: the feed does not hear of it.</summary>
public class LastSeenReportTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync(o => o.StaleShare = 0.5);

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task A_report_from_a_days_old_device_is_visible_in_the_inventory_and_details_but_not_the_feed()
    {
        var device = _sim.Server.Fleet.Snapshot().First(d => d.ChangedAt < SimulatorHarness.Start.AddDays(-2));
        _sim.Time.Advance(TimeSpan.FromMinutes(10));

        _sim.Server.Fleet.CheckIn(device.DeviceId);

        var now = Timestamp(_sim.Time.GetUtcNow());
        (await _sim.WalkAsync()).Monitored.Should().NotContain(device.DeviceId);
        (await _sim.WalkAsync(age: 300)).Monitored.Should().BeEmpty("nothing changed status in the last 5 minutes");
        var record = (await _sim.InventoryWalkAsync()).Single(r => r.GetProperty("device_id").GetString() == device.DeviceId);
        record.GetProperty("last_seen").GetString().Should().Be(now);
        (await DetailsAsync(device.DeviceId)).GetProperty("last_seen").GetString().Should().Be(now);
    }

    [Fact]
    public async Task A_device_in_the_feed_keeps_the_last_seen_of_its_status_change_there()
    {
        var device = _sim.Server.Fleet.Snapshot().First(d => d.ChangedAt > SimulatorHarness.Start.AddDays(-1));
        _sim.Time.Advance(TimeSpan.FromMinutes(10));

        _sim.Server.Fleet.CheckIn(device.DeviceId);

        var entry = await FeedEntryAsync(device.DeviceId);
        entry.GetProperty("last_seen").GetString().Should().Be(Timestamp(device.LastSeenAtChange));
        (await DetailsAsync(device.DeviceId)).GetProperty("last_seen").GetString().Should().Be(Timestamp(_sim.Time.GetUtcNow()));
    }

    [Fact]
    public async Task A_status_change_brings_the_device_back_to_the_feed_with_its_latest_last_seen()
    {
        var device = _sim.Server.Fleet.Snapshot().First(d => d.ChangedAt < SimulatorHarness.Start.AddDays(-2));
        _sim.Time.Advance(TimeSpan.FromMinutes(10));
        _sim.Server.Fleet.CheckIn(device.DeviceId);
        _sim.Time.Advance(TimeSpan.FromMinutes(10));

        _sim.Server.Fleet.SetStatus(device.DeviceId, "non-compliant", "critical");

        var entry = await FeedEntryAsync(device.DeviceId);
        entry.GetProperty("last_seen").GetString().Should().Be(Timestamp(SimulatorHarness.Start.AddMinutes(10)));
    }

    private async Task<JsonElement> FeedEntryAsync(string deviceId)
    {
        for (var page = 1; ; page++)
        {
            var body = await _sim.PageAsync(page, verbose: 1);
            foreach (var entry in body.GetProperty("monitored_devices").EnumerateArray())
            {
                if (entry.GetProperty("device_id").GetString() == deviceId)
                {
                    return entry;
                }
            }
        }
    }

    private async Task<JsonElement> DetailsAsync(string deviceId) =>
        await _sim.Http.GetFromJsonAsync<JsonElement>($"/o/api/v2.1/devices/{deviceId}?access_token=demo-token");

    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
}
