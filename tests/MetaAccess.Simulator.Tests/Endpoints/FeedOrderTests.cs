namespace MetaAccess.Simulator.Tests.Endpoints;

/// <summary>
/// Each reading of the feed's undocumented order, and what a change in the middle of a page walk does to
/// it. 200 devices that all changed in the last day, pages of 50: <c>before</c> is the list as page 1 was read.
/// </summary>
public class FeedOrderTests
{
    [Fact]
    public async Task Ascending_a_device_changing_mid_walk_jumps_to_the_end_and_an_unread_one_slides_onto_a_read_page()
    {
        await using var sim = await StartAsync(FeedOrder.ChangedAscending);
        var before = sim.Fleet.ByChange.Select(d => d.DeviceId).ToList();

        var walk = await WalkChangingAsync(sim, () => sim.Server.Fleet.SetStatus(before[10], "non-compliant", "critical"));

        walk.Take(50).Should().Equal(before.Take(50));
        walk[50].Should().Be(before[51], "every entry after the changed one moved up a place");
        walk[^1].Should().Be(before[10], "the change made it the newest entry");
        walk.Should().NotContain(before[50], "it slid onto page 1, which was already read");
        walk.Count(id => id == before[10]).Should().Be(2);
    }

    [Fact]
    public async Task Ascending_a_deletion_mid_walk_moves_the_entry_to_the_end_as_a_tombstone()
    {
        await using var sim = await StartAsync(FeedOrder.ChangedAscending);
        var before = sim.Fleet.ByChange.Select(d => d.DeviceId).ToList();
        await sim.PageAsync(page: 1);
        sim.Server.Fleet.Delete(before[120]);

        var last = await sim.PageAsync(page: 4);

        SimulatorHarness.Ids(last, "deleted_devices").Should().Equal(before[120]);
        SimulatorHarness.Ids(last, "monitored_devices").Should().Equal(before.Skip(151));
    }

    [Fact]
    public async Task Descending_a_change_mid_walk_pushes_every_entry_down_so_an_unread_device_is_never_read()
    {
        await using var sim = await StartAsync(FeedOrder.ChangedDescending);
        var before = sim.Fleet.ByChange.Select(d => d.DeviceId).Reverse().ToList();

        var walk = await WalkChangingAsync(sim, () => sim.Server.Fleet.SetStatus(before[120], "pending", "warning"));

        walk.Take(50).Should().Equal(before.Take(50), "newest change first");
        walk[50].Should().Be(before[49], "the last entry of page 1 was pushed onto page 2 and is read twice");
        walk.Should().NotContain(before[120], "it jumped onto page 1, already read");
        walk.Should().HaveCount(200);
    }

    [Fact]
    public async Task By_id_a_change_mid_walk_keeps_its_place_and_the_walk_sees_every_device_once()
    {
        await using var sim = await StartAsync(FeedOrder.ById);
        var before = sim.Fleet.Ids;

        var walk = await WalkChangingAsync(sim, () => sim.Server.Fleet.SetStatus(before[120], "pending", "warning"));

        walk.Should().Equal(before);
    }

    [Fact]
    public async Task By_id_a_deletion_during_a_walk_turns_an_entry_into_a_tombstone_in_place()
    {
        await using var sim = await StartAsync(FeedOrder.ById);
        var before = sim.Fleet.Ids;
        var first = await sim.PageAsync(page: 1);
        sim.Server.Fleet.Delete(before[10]);  // on the page already read
        sim.Server.Fleet.Delete(before[120]); // on a page still to come
        var monitored = SimulatorHarness.Ids(first, "monitored_devices");
        var deleted = new List<string>();
        for (var page = 2; page <= 4; page++)
        {
            var body = await sim.PageAsync(page);
            monitored.AddRange(SimulatorHarness.Ids(body, "monitored_devices"));
            deleted.AddRange(SimulatorHarness.Ids(body, "deleted_devices"));
        }

        monitored.Concat(deleted).Should().BeEquivalentTo(before, "no entry is lost or shifted");
        deleted.Should().Equal(before[120]);
    }

    private static Task<SimulatorHarness> StartAsync(FeedOrder order) =>
        SimulatorHarness.StartAsync(o =>
        {
            o.FeedOrder = order;
            o.StaleShare = 0;
        });

    /// <summary>Reads page 1, makes the change, reads pages 2 to 4: the ids in the order the walk met them.</summary>
    private static async Task<List<string>> WalkChangingAsync(SimulatorHarness sim, Action change)
    {
        var walk = SimulatorHarness.Ids(await sim.PageAsync(page: 1), "monitored_devices");
        change();
        for (var page = 2; page <= 4; page++)
        {
            walk.AddRange(SimulatorHarness.Ids(await sim.PageAsync(page), "monitored_devices"));
        }

        return walk;
    }
}
