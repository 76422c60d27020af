namespace MetaAccess.Simulator.Tests.Endpoints;

/// <summary>
/// A device's place in the inventory never moves, so a cursor walk meets every device that was there
/// throughout exactly once, whatever changes, enrols or leaves while it runs.
/// </summary>
public class InventoryCursorTests
{
    [Fact]
    public async Task Changes_enrolments_and_departures_mid_walk_never_make_it_skip_or_repeat_a_device()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var before = sim.Server.Fleet.Inventory().Select(d => d.DeviceId).ToList();
        SimulatedDevice? added = null;

        var walk = SimulatorHarness.Ids(await sim.InventoryWalkAsync(limit: 50, betweenPages: page =>
        {
            if (page != 1)
            {
                return;
            }

            sim.Time.Advance(TimeSpan.FromMinutes(1));
            sim.Server.Fleet.SetStatus(before[10], "non-compliant", "critical"); // read already
            sim.Server.Fleet.SetStatus(before[60], "non-compliant", "critical"); // still to come
            sim.Server.Fleet.CheckIn(before[70]);
            sim.Server.Fleet.Delete(before[5]);                                   // read already: nothing shifts
            sim.Server.Fleet.Delete(before[120], tombstone: false);               // still to come
            added = sim.Server.Fleet.Add();
        }));

        walk.Should().OnlyHaveUniqueItems();
        walk.Should().Equal(before.Where(id => id != before[120]).Append(added!.DeviceId));
    }

    [Fact]
    public async Task The_cursor_of_a_device_deleted_since_still_continues_with_the_next_one()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var before = sim.Server.Fleet.Inventory().Select(d => d.DeviceId).ToList();
        var first = await sim.InventoryPageAsync(null, limit: 20);
        sim.Server.Fleet.Delete(before[19]);
        sim.Server.Fleet.Delete(before[20]);

        var next = await sim.InventoryPageAsync(SimulatorHarness.NextToken(first), limit: 20);

        SimulatorHarness.Ids(next.GetProperty("devices").EnumerateArray()).Should().Equal(before.Skip(21).Take(20));
    }

    [Fact]
    public async Task A_walk_under_churn_meets_every_device_still_there_at_the_end_exactly_once()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.DeviceCount = 1000;
            o.MeanTimeBetweenChanges = TimeSpan.FromSeconds(1);
        });
        var atStart = sim.Fleet.Ids.ToHashSet(StringComparer.Ordinal);

        var walk = SimulatorHarness.Ids(await sim.InventoryWalkAsync(50, _ => sim.Time.Advance(TimeSpan.FromSeconds(30))));

        // The clock stood still after the last page, so the fleet now is the fleet that page was cut from.
        sim.Server.Fleet.Departures().Should().NotBeEmpty("devices left during the walk");
        sim.Fleet.Ids.Should().Contain(id => !atStart.Contains(id), "devices enrolled during the walk");
        walk.Should().OnlyHaveUniqueItems();
        walk.Should().Contain(sim.Fleet.Ids, "a device there from start to end, or enrolled on the way, is never skipped");
    }
}
