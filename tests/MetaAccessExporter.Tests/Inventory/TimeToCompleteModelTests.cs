using MetaAccess.Simulator;
using MetaAccessExporter.Api;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Tests.Support;
using Xunit.Abstractions;

namespace MetaAccessExporter.Tests.Inventory;

/// <summary>
/// How long a fresh start takes to hold the whole fleet at the real 10 calls a minute, on simulated
/// time (the clock moves only while the exporter waits for the budget), and what each source spends.
/// The first pass may use every slot the watch leaves but the last one a minute, so it must come close
/// to 9 pages a minute; with enrichment on it takes 80 % of the budget (8 a minute), so details still
/// move. docs/operations.md quotes the numbers this prints.
/// </summary>
public sealed class TimeToCompleteModelTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5_000, false, 9)]
    [InlineData(5_000, true, 8)]
    public async Task A_first_pass_lists_the_fleet_at_the_pages_a_minute_the_slot_rules_give_it(
        int devices, bool enrichment, int pagesPerMinute)
    {
        var time = new FakeClock(T0);
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Seed = 3, DeviceCount = devices, RequestsPerMinute = 10, MeanTimeBetweenChanges = TimeSpan.FromSeconds(30),
        }, time);
        using var sync = new SyncHarness(sim.BaseAddress.ToString(), time, configure: o =>
        {
            o.AccessToken = "demo-token";
            o.RequestsPerMinute = 10;
            o.PageSize = 50;
        }, settings: new Dictionary<string, string?> { ["Enrichment:Enabled"] = enrichment ? "true" : "false" });
        (await time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None))).Should().BeNull();

        var started = time.GetUtcNow();
        (await time.RunAsync(() => sync.Get<InventoryPoller>().RunPassAsync(CancellationToken.None))).Should().BeNull();
        var took = time.GetUtcNow() - started;

        int pages = (int)Math.Ceiling(devices / 50.0);
        var stats = sync.Get<ApiCallStats>();
        output.WriteLine($"{devices} devices: first pass {pages} pages in {took} simulated; calls: "
            + $"devices {stats.Requests(ApiEndpoint.Devices, "200")}, status_changed {stats.Requests(ApiEndpoint.StatusChanged, "200")}");
        sync.Checkpoint!.Gap.Should().BeFalse();
        // Departures during the pass are the watch's (and the next pass's) to remove; none may be missing.
        sim.Fleet.Snapshot().Select(d => d.DeviceId).Except(sync.Model.ListDevices().Select(d => d.Id)).Should().BeEmpty();
        took.Should().BeLessThan(TimeSpan.FromMinutes((double)pages / pagesPerMinute + 1), "the pass takes the share SlotRules gives it");
        took.Should().BeGreaterThan(TimeSpan.FromMinutes((double)pages / (pagesPerMinute + 1)), "and no more");
        sim.RateLimitRefusals.Should().Be(0);
    }
}
