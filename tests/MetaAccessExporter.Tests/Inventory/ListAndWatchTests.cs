using MetaAccess.Simulator;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Inventory;

/// <summary>
/// List, then watch, against the simulator at the real 10 calls a minute, in every order the feed may
/// have, with churn during the walks, entries ageing out and 40 % of the fleet unchanged for days: one
/// inventory pass and the delta cycles around it make the model the fleet.
/// </summary>
public sealed class ListAndWatchTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeClock _time = new(T0);
    private readonly string _state = Directory.CreateTempSubdirectory("metaaccess-list-").FullName;

    public static TheoryData<FeedOrder> Orders() => [FeedOrder.ChangedAscending, FeedOrder.ChangedDescending, FeedOrder.ById];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task A_fresh_start_holds_the_whole_fleet_after_one_pass(FeedOrder order)
    {
        await using var sim = await Simulator(order);
        using var sync = Exporter(sim);

        await CycleAsync(sync);
        var passStarted = _time.GetUtcNow();
        (await _time.RunAsync(() => sync.Get<InventoryPoller>().RunPassAsync(CancellationToken.None))).Should().BeNull();
        await CycleAsync(sync);

        sync.Checkpoint!.Gap.Should().BeFalse("one pass that began after the watch lists what the watch cannot see");
        ShouldBeTheFleet(sync, sim, passStarted);
        sim.Fleet.Snapshot().Should().Contain(d => _time.GetUtcNow() - d.LastSeen > TimeSpan.FromDays(7),
            "the fleet has long-unseen devices");
        sync.Model.Snapshot(_time.GetUtcNow()).Stale.Should().Contain(s => s.OlderThan == "7d", "and the model counts them stale");
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task A_restart_after_30_hours_away_holds_the_whole_fleet_after_one_pass(FeedOrder order)
    {
        await using var sim = await Simulator(order);
        using (var first = Exporter(sim))
        {
            await CycleAsync(first);
            (await _time.RunAsync(() => first.Get<InventoryPoller>().RunPassAsync(CancellationToken.None))).Should().BeNull();
            await first.StopAsync();
        }
        _time.Advance(TimeSpan.FromHours(30));
        using var sync = Exporter(sim);
        await sync.StartAsync();
        await sync.StopAsync();
        sync.Checkpoint!.Gap.Should().BeTrue("the feed no longer reaches back to the saved watermark");

        await CycleAsync(sync);
        var passStarted = _time.GetUtcNow();
        (await _time.RunAsync(() => sync.Get<InventoryPoller>().RunPassAsync(CancellationToken.None))).Should().BeNull();
        await CycleAsync(sync);

        sync.Checkpoint!.Gap.Should().BeFalse();
        ShouldBeTheFleet(sync, sim, passStarted);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private async Task CycleAsync(SyncHarness sync) =>
        (await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None))).Should().BeNull();

    /// <summary>
    /// Every device, label and count is the fleet's; so is <c>last_seen</c>, except for agents that
    /// reported after the pass began (only the next pass can tell).
    /// </summary>
    private void ShouldBeTheFleet(SyncHarness sync, SimulatorServer sim, DateTimeOffset passStarted)
    {
        var truth = sim.Fleet.Snapshot().ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
        var model = sync.Model.ListDevices().ToDictionary(d => d.Id, StringComparer.Ordinal);
        model.Keys.Should().BeEquivalentTo(truth.Keys);
        foreach (var (id, d) in truth)
        {
            var m = model[id];
            (m.Status, m.Severity, m.Group, m.TotalIssues, m.CriticalIssues, m.WarningIssues).Should().Be(
                (LabelValues.Normalize(d.Status), LabelValues.Normalize(d.Severity), LabelValues.Group(d.GroupName),
                    d.TotalIssues, d.CriticalIssues, d.WarningIssues), id);
            if (d.LastSeen < passStarted)
                m.LastSeen.Should().Be(d.LastSeen, id);
        }
    }

    private async Task<SimulatorServer> Simulator(FeedOrder order) => await SimulatorServer.StartAsync(new SimulatorOptions
    {
        Seed = 5, DeviceCount = 400, RequestsPerMinute = 10, MeanTimeBetweenChanges = TimeSpan.FromSeconds(20), FeedOrder = order,
    }, _time);

    private SyncHarness Exporter(SimulatorServer sim) => new(sim.BaseAddress.ToString(), _time, _state, configure: o =>
    {
        o.AccessToken = "demo-token";
        o.RequestsPerMinute = 10;
        o.PageSize = 50;
    });
}
