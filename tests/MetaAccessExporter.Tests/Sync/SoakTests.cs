using System.Diagnostics;
using MetaAccess.Simulator;
using MetaAccessExporter.Api;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;
using Xunit.Abstractions;

namespace MetaAccessExporter.Tests.Sync;

/// <summary>
/// A simulated day against the simulator on one fake clock, in its hardest setting (the feed ordered
/// by change time and ageing out, 40 % of the fleet unchanged for days, agents that report without a
/// status change, silent departures): churn every ~45 s, OAuth tokens that expire every 20 minutes,
/// faults switched on and off, restarts from the saved state, inventory passes between delta cycles.
/// At the end, after one more pass, the model must be the fleet, exactly (last_seen included), and
/// the budget must never have been exceeded.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output) : IDisposable
{
    private const int Budget = 10;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FaultPhase = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromHours(6);
    private static readonly (TimeSpan At, TimeSpan Downtime)[] Restarts =
    [
        (TimeSpan.FromHours(5), TimeSpan.FromSeconds(61)),
        (TimeSpan.FromHours(11), TimeSpan.FromMinutes(10)),
        (TimeSpan.FromHours(17), TimeSpan.FromHours(2)),
    ];

    private readonly FakeClock _time = new(T0);
    private readonly string _state = Directory.CreateTempSubdirectory("metaaccess-soak-").FullName;

    [Fact]
    public async Task A_day_of_churn_faults_restarts_and_token_expiries_ends_with_the_exact_fleet_and_the_budget_kept()
    {
        var watch = Stopwatch.StartNew();
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Seed = 11, DeviceCount = 300, RequestsPerMinute = Budget, MeanTimeBetweenChanges = TimeSpan.FromSeconds(45),
            TokenLifetime = TimeSpan.FromMinutes(20), StaticAccessToken = null,
        }, _time);
        var everSeen = sim.Fleet.Snapshot().Select(d => d.DeviceId).ToHashSet(StringComparer.Ordinal);
        var dice = new Random(11);
        var stats = new List<ApiCallStats>();
        var unexpected = new List<Exception>();
        int cycles = 0, failures = 0, phases = 0, passes = 0;
        DateTimeOffset? lastPass = null;
        var restarts = new Queue<(TimeSpan At, TimeSpan Downtime)>(Restarts);
        var sync = Exporter(sim);
        stats.Add(sync.Get<ApiCallStats>());
        bool synced = false;

        var end = T0 + TimeSpan.FromHours(24);
        var nextPhase = T0 + TimeSpan.FromMinutes(30);
        while (_time.GetUtcNow() < end)
        {
            if (_time.GetUtcNow() >= nextPhase)
            {
                phases += ToggleFaults(sim.Faults, dice) ? 1 : 0;
                nextPhase += FaultPhase;
            }
            if (restarts.TryPeek(out var restart) && _time.GetUtcNow() >= T0 + restart.At)
            {
                restarts.Dequeue();
                await sync.StopAsync();
                sync.Dispose();
                _time.Advance(restart.Downtime);
                sync = Exporter(sim);
                stats.Add(sync.Get<ApiCallStats>());
                // Start restores the saved model; the loop it starts is stopped at once, the test drives the cycles.
                await sync.StartAsync();
                await sync.StopAsync();
                sync.Model.Count.Should().BeGreaterThan(0, "the saved model is served again before any poll");
                sync.Checkpoint.Should().NotBeNull("a restored model is ready");
                lastPass = null;
            }

            // The clock stands still while a request is on its way, so the simulator sees it arrive when it was sent and
            // only a phase of delayed answers (measured on this clock, longer than the request timeout) makes requests time out.
            bool delayed = sim.Faults.Delay is not null;
            var failure = await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None), stalledServer: delayed);
            cycles++;
            if (failure is not null)
            {
                failures++;
                if (failure is not MetaAccessApiException)
                    unexpected.Add(failure);
                sync.Status.Up.Should().BeFalse();
            }
            // The list between watches, as the inventory poller runs it: at start, when a gap opened, and on schedule.
            // Not while answers stall: every page would time out until the phase ends, and the cycles do that already.
            bool due = lastPass is null || sync.Get<Completeness>().NeedsListing || _time.GetUtcNow() - lastPass >= RefreshAfter;
            if (due && !delayed && failure is null)
            {
                var started = _time.GetUtcNow();
                var passFailure = await _time.RunAsync(() => sync.Get<InventoryPoller>().RunPassAsync(CancellationToken.None));
                passFailure.Should().BeNull("a pass retries its failed pages until they are read");
                lastPass = started;
                passes++;
                synced = true;
            }
            if (synced)
                sync.Model.Count.Should().BeGreaterThan(0, "a failing cycle never empties the model");
            foreach (var d in sim.Fleet.Snapshot())
                everSeen.Add(d.DeviceId);
            _time.Advance(PollInterval);
        }

        // A quiet end: faults off, a few normal cycles, then a last one in which the clock (and so the fleet) stands still.
        sim.Faults.ServerErrorRate = sim.Faults.GarbageRate = sim.Faults.ThrottleRate = 0;
        sim.Faults.Delay = null;
        for (int i = 0; i < 5; i++)
        {
            await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None));
            _time.Advance(PollInterval + TimeSpan.FromSeconds(5));
        }
        foreach (var d in sim.Fleet.Snapshot())
            everSeen.Add(d.DeviceId);
        // A full budget, then one pass and one cycle while the clock stands still: what they read is the fleet as it is.
        _time.Advance(TimeSpan.FromSeconds(61));
        await sync.ListAsync();
        await sync.Poller.RunCycleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var truth = sim.Fleet.Snapshot();

        output.WriteLine($"{cycles} cycles, {failures} failed, {passes} inventory passes, {phases} fault phases, "
            + $"{Restarts.Length} restarts, {sim.Arrivals.Count} API calls, {truth.Count} devices, "
            + $"{watch.Elapsed.TotalSeconds:0.0} s real");
        var totals = stats.SelectMany(s => s.Requests).GroupBy(r => (r.Endpoint, r.Code));
        foreach (var (endpoint, code, count) in totals.Select(g => (g.Key.Endpoint, g.Key.Code, g.Sum(r => r.Count))))
            output.WriteLine($"  {endpoint} {code}: {count}");
        unexpected.Should().BeEmpty("every failure should be a counted, redacted MetaAccessApiException");

        var expected = truth.Select(Row).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var actual = sync.Model.ListDevices().Select(Row).ToDictionary(r => r.Id, StringComparer.Ordinal);
        expected.Keys.Except(actual.Keys).Should().BeEmpty("every device in the fleet is in the model");
        actual.Keys.Except(expected.Keys).Should().BeEmpty("every deleted device has left the model");
        expected.Values.Where(e => actual[e.Id] != e).Select(e => (Expected: e, Actual: actual[e.Id])).Take(5)
            .Should().BeEmpty("every device's labels and counts are the fleet's");
        var deleted = everSeen.Except(expected.Keys).ToList();
        deleted.Should().NotBeEmpty("the day's churn deleted devices");
        var busiest = string.Join(", ", BusiestWindow(sim.Arrivals).Select(t => (t - T0).ToString()));
        output.WriteLine($"{deleted.Count} devices deleted during the day; busiest minute: {busiest}");

        sim.RateLimitRefusals.Should().Be(0, "the exporter never hit the real rate limit");
        BusiestMinute(sim.Arrivals).Should().BeLessThanOrEqualTo(Budget, "no 60-second window holds more calls than the budget");
        Total(stats, ApiEndpoint.Token, "200").Should().BeGreaterThan(50, "20-minute tokens were renewed all day");
        Total(stats, ApiEndpoint.StatusChanged, "timeout").Should().BeGreaterThan(0);
        Total(stats, ApiEndpoint.StatusChanged, "429").Should().BeGreaterThan(0);
        stats.SelectMany(s => s.Requests).Where(r => r.Code.StartsWith('5')).Sum(r => r.Count).Should().BeGreaterThan(0);
        stats.SelectMany(s => s.InvalidResponses).Sum(r => r.Count).Should().BeGreaterThan(0);
        sync.Status.Up.Should().BeTrue();
        sync.Checkpoint!.Gap.Should().BeFalse();
        sync.Dispose();
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private SyncHarness Exporter(SimulatorServer sim) => new(sim.BaseAddress.ToString(), _time, _state, configure: o =>
    {
        o.AccessToken = null;
        o.ClientId = "demo-client";
        o.ClientSecret = "demo-secret";
        o.RequestsPerMinute = Budget;
        o.PageSize = 50;
        o.PollInterval = PollInterval;
    });

    /// <summary>
    /// Half the phases are quiet; the others turn one kind of fault on. Delays (timeouts) are rarer: each costs a whole timeout.
    /// </summary>
    private static bool ToggleFaults(SimulatorFaults faults, Random dice)
    {
        faults.ServerErrorRate = faults.GarbageRate = faults.ThrottleRate = 0;
        faults.Delay = null;
        switch (dice.Next(20))
        {
            case < 10:
                return false;
            case < 13:
                faults.ServerErrorRate = 0.3;
                break;
            case < 16:
                faults.GarbageRate = 0.3;
                break;
            case < 19:
                faults.ThrottleRate = 0.2;
                break;
            default:
                faults.Delay = TimeSpan.FromSeconds(45);
                break;
        }
        return true;
    }

    private static DeviceRow Row(SimulatedDevice d) => new(d.DeviceId, LabelValues.Normalize(d.Status), LabelValues.Normalize(d.Severity),
        LabelValues.Group(d.GroupName), d.TotalIssues, d.CriticalIssues, d.WarningIssues, d.LastSeen);

    private static DeviceRow Row(Device d) =>
        new(d.Id, d.Status, d.Severity, d.Group, d.TotalIssues, d.CriticalIssues, d.WarningIssues, d.LastSeen);

    private static int BusiestMinute(IReadOnlyList<DateTimeOffset> arrivals) => BusiestWindow(arrivals).Length;

    /// <summary>The most calls that arrived within 60 seconds of each other.</summary>
    private static DateTimeOffset[] BusiestWindow(IReadOnlyList<DateTimeOffset> arrivals)
    {
        var sorted = arrivals.Order().ToArray();
        (int First, int Count) busiest = (0, 0);
        for (int first = 0, last = 0; last < sorted.Length; last++)
        {
            while (sorted[last] - sorted[first] >= RateBudgetWindow)
                first++;
            if (last - first + 1 > busiest.Count)
                busiest = (first, last - first + 1);
        }
        return sorted[busiest.First..(busiest.First + busiest.Count)];
    }

    private static readonly TimeSpan RateBudgetWindow = TimeSpan.FromSeconds(60);

    private static long Total(IEnumerable<ApiCallStats> stats, string endpoint, string code) =>
        stats.SelectMany(s => s.Requests).Where(r => r.Endpoint == endpoint && r.Code == code).Sum(r => r.Count);

    private sealed record DeviceRow(
        string Id, string Status, string Severity, string Group, int Total, int Critical, int Warning, DateTimeOffset? LastSeen);
}
