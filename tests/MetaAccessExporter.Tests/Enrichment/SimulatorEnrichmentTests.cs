using MetaAccess.Simulator;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Enrichment;

/// <summary>Enrichment against the simulator: the model ends up telling what the fleet's details say.</summary>
public sealed class SimulatorEnrichmentTests
{
    [Fact]
    public async Task Infections_and_category_issues_match_the_simulated_fleet_once_enrichment_catches_up()
    {
        var time = new FakeTimeProvider(Devices.Now);
        await using var simulator = await SimulatorServer.StartAsync(
            new SimulatorOptions { Seed = 11, DeviceCount = 150, RequestsPerMinute = 100_000, MeanTimeBetweenChanges = TimeSpan.Zero },
                time);
        using var sync = new SyncHarness(simulator.BaseAddress.ToString(), time, configure: o =>
        {
            o.AccessToken = "demo-token";
            o.PageSize = 50;
            o.RequestsPerMinute = 100_000;
        });
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        await sync.ListAsync();
        var worker = sync.Get<EnrichmentWorker>();

        for (int batch = 0; batch < 20 && worker.Current?.Pending != 0; batch++)
            await worker.RunBatchAsync(CancellationToken.None);

        worker.Current!.Pending.Should().Be(0);
        worker.Current.CoverageRatio.Should().Be(1);
        var truth = simulator.Fleet.Snapshot();
        var fleet = sync.Model.Snapshot(time.GetUtcNow());
        fleet.Groups.ToDictionary(g => g.Group, g => g.DevicesInfected).Where(kv => kv.Value > 0)
            .Should().BeEquivalentTo(truth.Where(d => d.IsInfected).GroupBy(d => LabelValues.Group(d.GroupName)).ToDictionary(g => g.Key,
                g => g.Count()));
        fleet.CriticalCategoryIssues.ToDictionary(c => c.Category, c => c.Count)
            .Should().BeEquivalentTo(truth.SelectMany(d => d.IssueCategories
                .Where(c => c.Critical)).GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Count()));
        truth.Should().Contain(d => d.IsInfected, "the seed must give the test something to find");
    }
}
