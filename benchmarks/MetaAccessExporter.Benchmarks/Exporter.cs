using System.Buffers;
using MetaAccessExporter.Account;
using MetaAccessExporter.Api;
using MetaAccessExporter.Budget;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Cardinality;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;
using MetaAccessExporter.Sync;

using MetaAccessExporter.WebConfig;

namespace MetaAccessExporter.Benchmarks;

/// <summary>The pieces a scrape reads, wired as the exporter wires them, over a fleet of a given size.</summary>
internal sealed class Exporter : IDisposable
{
    private readonly RateBudget _budget;

    public Exporter(int devices, int groups = 0, int? maxLabelValues = null)
    {
        Devices = Fleet.Devices(devices, groups);
        Model = Fleet.Model(Devices, out var cache);
        DeviceSeries = cache;
        Clock = new ManualClock(Fleet.Now);
        var sync = new SyncHealth();
        sync.Update(s => s with
        {
            Up = true, LastSuccessfulSync = Fleet.Now.AddMinutes(-1),
            LastPollDuration = TimeSpan.FromSeconds(4.2), SuccessfulCycles = 1440, FailedCycles = 3,
        });
        var api = new ApiCallStats();
        (string Endpoint, string Code)[] calls =
            [("status_changed", "200"), ("device_details", "200"), ("token", "200"), ("status_changed", "timeout")];
        foreach (var (endpoint, code) in calls)
            api.RecordRequest(endpoint, code);
        _budget = new RateBudget(10, Clock, enrichmentShare: 0.5);
        var options = new MetaAccessOptions { Account = Fleet.Account };
        var completeness = new Completeness();
        completeness.WatchFrom(Fleet.Now.AddHours(-5), changesMissed: true);
        completeness.Listed(Fleet.Now.AddHours(-4));
        completeness.Watched(Fleet.Now.AddMinutes(-3));
        var inventory = new InventoryHealth();
        inventory.Update(i => i with
        {
            LastPassCompleted = Fleet.Now.AddHours(-3), LastPassDuration = TimeSpan.FromMinutes(42), LastPassListed = devices,
            PassesCompleted = 7, Added = devices, Removed = 12,
        });
        var account = new AccountHealth();
        var vendor = new AccountDetails("Benchmark Account", devices + 500, devices,
            [new("compliant", devices - 10), new("non-compliant", 10)], [new("critical", 10), new("no_issue", devices - 10)]);
        account.Update(a => a with { Latest = AccountMapper.Map(vendor, Model.Snapshot(Fleet.Now), Fleet.Now), Refreshes = 96 });
        Metrics = new FleetMetricsRenderer(new CappedFleet(Model, maxLabelValues ?? new ExporterOptions().MaxLabelValues, Clock),
            completeness, inventory, account, sync, api, _budget, new FixedProgress(), options,
            ExporterSettings.Of(options, StaleThreshold.ParseList(new ExporterOptions().StaleAfter), new InventoryOptions(),
                new AccountOptions(), new EnrichmentOptions()),
            new WebAccessStats(new WebOptions()));
        Answer = new MetricsAnswer(Metrics, new ProcessCollectors());
    }

    public Device[] Devices { get; }
    public DeviceModel Model { get; }
    public DeviceSeriesCache DeviceSeries { get; }
    public FleetMetricsRenderer Metrics { get; }

    /// <summary><c>/metrics</c> as the endpoint writes it: <see cref="Metrics"/>, then the process families.</summary>
    public MetricsAnswer Answer { get; }
    public ManualClock Clock { get; }

    /// <summary>Where the endpoint writes: the response's pooled pipe (see <see cref="ResponsePipe"/>).</summary>
    public ResponsePipe Response { get; } = new();

    /// <summary>A scrape as the endpoint does it: straight into the response pipe, one flush. Returns the bytes written.</summary>
    public int Scrape(Action<ExpositionWriter> render) => Response.Scrape(render);

    /// <summary>A <c>/metrics</c> scrape as the endpoint does it. Returns the bytes written.</summary>
    public Task<int> ScrapeMetricsAsync() => Response.ScrapeAsync(Answer);

    /// <summary>A <c>/metrics/devices</c> scrape as the endpoint does it: the cache's chunks copied into the response pipe.</summary>
    public int ScrapeDevices(bool gzip) => Response.Send(DeviceSeries.Answer(ExpositionFormat.PrometheusText).Chunks(gzip));

    public void Dispose() => _budget.Dispose();

    private sealed class FixedProgress : IEnrichmentProgressSource
    {
        public EnrichmentProgress? Current { get; } = new(0.34, TimeSpan.FromHours(30), 120);
    }
}
