using System.Net;

namespace MetaAccess.Simulator.Tests.Endpoints;

/// <summary>Devices can leave without a tombstone: only the inventory and device details notice.</summary>
public class SilentDeletionTests
{
    [Fact]
    public async Task A_silent_departure_leaves_no_tombstone_and_is_gone_from_inventory_and_details()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.StaleShare = 0);
        var id = sim.Fleet.Ids[7];
        sim.Time.Advance(TimeSpan.FromMinutes(1));

        sim.Server.Fleet.Delete(id, tombstone: false);

        var (monitored, deleted) = await sim.WalkAsync();
        monitored.Should().NotContain(id);
        deleted.Should().BeEmpty();
        SimulatorHarness.Ids(await sim.InventoryWalkAsync()).Should().NotContain(id);
        using var details = await sim.Http.GetAsync($"/o/api/v2.1/devices/{id}?access_token=demo-token");
        details.StatusCode.Should().Be(HttpStatusCode.NotFound);
        sim.Server.Fleet.Departures().Should().ContainSingle().Which.Should().Match<DeletedDevice>(d => d.DeviceId == id && d.Silent);
    }

    [Fact]
    public async Task Churn_deletes_a_share_of_devices_silently_and_the_feed_lists_only_the_others()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.MeanTimeBetweenChanges = TimeSpan.FromSeconds(5));
        sim.Time.Advance(TimeSpan.FromHours(12));

        var (_, deleted) = await sim.WalkAsync();

        var departures = sim.Server.Fleet.Departures();
        departures.Count.Should().BeInRange(150, 350, "about 3% of some 8600 events");
        (departures.Count(d => d.Silent) / (double)departures.Count).Should().BeInRange(0.2, 0.4);
        deleted.Should().BeEquivalentTo(departures.Where(d => !d.Silent).Select(d => d.DeviceId));
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(1.0, true)]
    public async Task The_silent_share_can_be_none_or_all(double share, bool silent)
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.MeanTimeBetweenChanges = TimeSpan.FromSeconds(5);
            o.SilentDeleteShare = share;
        });
        sim.Time.Advance(TimeSpan.FromHours(3));

        sim.Server.Fleet.Departures().Should().NotBeEmpty().And.OnlyContain(d => d.Silent == silent);
    }
}
