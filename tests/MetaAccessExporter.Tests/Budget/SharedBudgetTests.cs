using MetaAccess.Simulator;
using MetaAccessExporter.Account;
using MetaAccessExporter.Api;
using MetaAccessExporter.Budget;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Budget;

/// <summary>
/// The exporter and another client of the same account against the simulator's one account-wide window,
/// on simulated time: wherever the rate-limit headers gave warning, no call meets a 429.
/// </summary>
public sealed class SharedBudgetTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeClock _time = new(T0);
    private readonly string _state = Directory.CreateTempSubdirectory("shared-budget-").FullName;

    [Fact]
    public async Task A_start_after_another_client_spent_8_of_the_10_calls_meets_no_429()
    {
        await using var sim = await Simulator();
        sim.SpendBudget(8).Should().Be(8);

        using var exporter = Exporter(sim);
        await exporter.StartHostAsync();
        await _time.AdvanceInStepsAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(1));
        await exporter.StopHostAsync();

        sim.RateLimitRefusals.Should().Be(0, "the first answer said two calls were left, and the exporter believed it");
        exporter.Status.SuccessfulCycles.Should().BeGreaterThan(0);
        exporter.Get<InventoryHealth>().Current.PassesCompleted.Should().Be(1, "the list still completes on what is left");
        exporter.Get<AccountHealth>().Current.Latest!.Drift.Should().Be(0, "account details are read again once the model is whole");
    }

    [Fact]
    public async Task A_restart_right_after_a_busy_minute_meets_no_429()
    {
        await using var sim = await Simulator();
        int busy;
        using (var first = Exporter(sim))
        {
            await first.StartHostAsync();
            // Two minutes into the first inventory pass: every minute is spent to the last call the rules allow.
            await _time.AdvanceInStepsAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
            // The watch may spend the account's last call: it does, so the last answer says nothing is left.
            while (first.Get<RateBudget>().Server is not { Remaining: 0 } word || word.ResetAt <= _time.GetUtcNow())
                (await _time.RunAsync(() => first.Poller.RunCycleAsync(CancellationToken.None))).Should().BeNull();
            busy = first.Get<RateBudget>().Used;
            await first.StopHostAsync();
        }

        using var second = Exporter(sim);
        await second.StartHostAsync();
        second.Get<RateBudget>().Used.Should().Be(busy, "the calls of the minute before the restart still count");
        second.Get<RateBudget>().Server.Remaining.Should().Be(0, "and so does the server's word that nothing is left");
        await _time.AdvanceInStepsAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));
        await second.StopHostAsync();

        sim.RateLimitRefusals.Should().Be(0, "the restarted exporter remembered the server's word: nothing left until its reset");
        second.Get<RateBudget>().Usage.Sum(u => u.Calls).Should().BeGreaterThan(10, "and still did its work");
    }

    [Fact]
    public async Task A_429_without_retry_after_waits_for_the_reset_time_the_answer_gave()
    {
        await using var sim = await Simulator();
        sim.SpendBudget(10).Should().Be(10, "another client spent the whole minute before the exporter's first call");
        _time.Advance(TimeSpan.FromSeconds(20));

        using var exporter = Exporter(sim, settings: new() { ["Enrichment:Enabled"] = "false" });
        (await _time.RunAsync(() => exporter.Poller.RunCycleAsync(CancellationToken.None)))
            .Should().BeOfType<MetaAccessApiException>().Which.Code.Should().Be("429", "a fresh start cannot know; its first call learns");
        (await _time.RunAsync(() => exporter.Poller.RunCycleAsync(CancellationToken.None))).Should().BeNull();

        sim.RateLimitRefusals.Should().Be(1);
        var arrivals = sim.Arrivals;
        arrivals.Should().HaveCountGreaterThanOrEqualTo(2);
        // The reset time is the other client's first call leaving the window, 40 s on; the test's clock moves in 5 s steps.
        (arrivals[1] - arrivals[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(40), "the next call waits for the reset time")
            .And.BeLessThan(TimeSpan.FromSeconds(46), "and not for the minute a 429 without it would cost");
        exporter.Get<ApiCallStats>().Throttled.Should().Be(1);
    }

    [Fact]
    public async Task Another_client_keeps_its_share_when_RequestsPerMinute_is_set_to_the_exporters_share()
    {
        await using var sim = await Simulator(otherClientPerMinute: 5);
        using var exporter = Exporter(sim, perMinute: 5);
        await exporter.StartHostAsync();
        await _time.AdvanceInStepsAsync(TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(1));
        await exporter.StopHostAsync();

        sim.RateLimitRefusals.Should().Be(0);
        sim.OtherClientCalls.Should().BeGreaterThanOrEqualTo(74, "the other client was never crowded out of its 5 a minute");
        exporter.Get<InventoryHealth>().Current.PassesCompleted.Should().Be(1);
        exporter.Model.Count.Should().Be(sim.Fleet.Snapshot().Count);
        exporter.Get<AccountHealth>().Current.Latest!.Drift.Should().Be(0);
        exporter.Get<RateBudget>().Server.Limit.Should().Be(10, "the server's own limit is shown beside the exporter's share");
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private Task<SimulatorServer> Simulator(int otherClientPerMinute = 0) => SimulatorServer.StartAsync(new SimulatorOptions
    {
        Seed = 12, DeviceCount = 600, RequestsPerMinute = 10, MeanTimeBetweenChanges = TimeSpan.Zero,
        OtherClientCallsPerMinute = otherClientPerMinute,
    }, _time);

    private SyncHarness Exporter(SimulatorServer sim, Dictionary<string, string?>? settings = null, int perMinute = 10) =>
        new(sim.BaseAddress.ToString(), _time, _state, configure: o =>
        {
            o.AccessToken = "demo-token";
            o.RequestsPerMinute = perMinute;
            o.PageSize = 50;
        }, settings: settings);
}
