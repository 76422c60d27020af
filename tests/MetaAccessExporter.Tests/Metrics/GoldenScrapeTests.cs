using MetaAccess.Simulator;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Metrics;

/// <summary>
/// One golden scrape: the simulator's fixed default seed with a small fleet and no churn, the
/// exporter's sync stack (<see cref="SyncHarness"/>) on a fake clock that never moves, one completed
/// sync, enrichment caught up; then <c>/metrics</c> and <c>/metrics/devices</c> as their renderers write
/// them, compared with <c>Metrics/Golden/*.prom</c>. Only the exporter's own health families are left out
/// of <c>/metrics</c> (sync state, API counters, budget, build info): they describe this process, not
/// the fleet. Everything else, <c>last_seen</c> included, is fixed by the seed and the clock.
/// After an intended change, regenerate the files and review their diff (see Golden/README.md):
/// <c>UPDATE_GOLDEN=1 dotnet test tests/MetaAccessExporter.Tests --filter FullyQualifiedName~Golden</c>.
/// </summary>
public sealed class GoldenScrapeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_simulators_fixed_seed_scrapes_as_the_golden_files_say()
    {
        var time = new FakeTimeProvider(Start);
        var fleet = new SimulatorOptions { DeviceCount = 32, MeanTimeBetweenChanges = TimeSpan.Zero, RequestsPerMinute = 100_000 };
        await using var simulator = await SimulatorServer.StartAsync(fleet, time);
        using var sync = new SyncHarness(simulator.BaseAddress.ToString(), time, configure: o =>
        {
            o.AccessToken = "demo-token";
            o.PageSize = 5;
            o.RequestsPerMinute = 100_000;
        });

        await sync.Poller.RunCycleAsync(CancellationToken.None);
        await sync.ListAsync();
        var enrichment = sync.Get<EnrichmentWorker>();
        for (int batch = 0; batch < 5 && enrichment.Current?.Pending != 0; batch++)
            await enrichment.RunBatchAsync(CancellationToken.None);

        sync.Status.Up.Should().BeTrue();
        sync.Checkpoint!.Gap.Should().BeFalse("the watch and one inventory pass hold the whole fleet");
        sync.Model.Count.Should().Be(32);
        enrichment.Current!.Pending.Should().Be(0);
        time.GetUtcNow().Should().Be(Start, "nothing may move the clock: the scrape would depend on how long the run took");
        var metrics = Exposition.Render(sync.Get<FleetMetricsRenderer>().WriteTo);
        var fleetFamilies = FleetFamilies.Table.Concat(FleetFamilies.EnrichmentTable).Select(f => f.Name).ToArray();
        Golden.Check("Metrics/Golden/metrics.prom", ExpositionFamilies.Only(metrics, fleetFamilies));
        Golden.Check("Metrics/Golden/metrics-devices.prom", Exposition.Render(sync.Get<DeviceSeriesCache>()));
    }
}
