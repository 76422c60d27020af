using System.Net;

namespace MetaAccess.Simulator.Tests.Fleet;

public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_requests_and_changes_while_the_clock_moves_stay_consistent()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.MeanTimeBetweenChanges = TimeSpan.FromSeconds(1));

        var readers = Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = i % 2 == 0
                ? await sim.StatusChangedAsync(new { page = 1 + (i % 4), limit = 50 })
                : await sim.InventoryAsync(new { limit = 50 });
            return response.StatusCode;
        });
        var writers = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                sim.Time.Advance(TimeSpan.FromSeconds(3));
                sim.Server.Fleet.Add();
                _ = sim.Server.Fleet.Snapshot();
            }
        });

        var codes = await Task.WhenAll(readers);
        await writers;

        codes.Should().OnlyContain(c => c == HttpStatusCode.OK || c == HttpStatusCode.RequestEntityTooLarge);
        var snapshot = sim.Server.Fleet.Snapshot();
        snapshot.Select(d => d.DeviceId).Should().OnlyHaveUniqueItems();
        snapshot.Should().HaveCount(sim.Server.Fleet.Count);
    }
}
