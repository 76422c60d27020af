using System.Diagnostics.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using Microsoft.Extensions.Hosting;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// The same families as <c>/metrics</c>, as System.Diagnostics.Metrics observable instruments on the
/// <c>MetaAccessExporter</c> meter, for OpenTelemetry (OTLP) users. Built from the family tables,
/// so the two can never disagree on a name, a label or a value. A hosted service only so that the
/// instruments exist from start-up on, before anything asks for them.
/// </summary>
public sealed class OpenTelemetryInstruments(
    IMeterFactory meters,
    FleetMetricsRenderer renderer,
    Cardinality.CappedFleet fleet,
    Inventory.InventoryHealth inventory,
    Account.AccountHealth account,
    Budget.RateBudget budget,
    Api.MetaAccessOptions options,
    Enrichment.EnrichmentOptions enrichment,
    ExporterSettings settings,
    WebConfig.WebAccessStats web)
    : IHostedService
{
    public const string MeterName = "MetaAccessExporter";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meters.Create(MeterName, BuildInfo.Current.Version);
        Label[] accountLabel = [new("account", options.Account)];
        Register(meter, FleetFamilies.Table, () => fleet.Read().Fleet, accountLabel);
        if (enrichment.Enabled)
            Register(meter, FleetFamilies.EnrichmentTable, () => fleet.Read().Fleet, accountLabel);
        Register(meter, LabelCapFamilies.Table, fleet.Read, accountLabel);
        Register(meter, HealthFamilies.Table, renderer.Health, accountLabel);
        Register(meter, BudgetFamilies.Table, () => BudgetReport.Of(budget), accountLabel);
        Register(meter, InventoryFamilies.Table, () => inventory.Current, accountLabel);
        Register(meter, AccountFamilies.Table, () => account.Current, accountLabel);
        Register(meter, SettingsFamilies.Table, () => settings, accountLabel);
        if (web.Enabled)
            Register(meter, WebFamilies.Table, () => web, accountLabel);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Register<TSource>(Meter meter, IReadOnlyList<MetricFamily<TSource>> table, Func<TSource> source, Label[] account)
    {
        foreach (var family in table)
        {
            IEnumerable<Measurement<double>> Observe()
            {
                var sink = new MeasurementSink(account);
                sink.Begin(family.Name, family.AccountWide);
                family.Samples(source(), sink);
                return sink.Measurements;
            }
            if (family.Type == MetricType.Counter)
                meter.CreateObservableCounter(family.Name[..^"_total".Length], Observe, description: family.Help);
            else
                meter.CreateObservableGauge(family.Name, Observe, description: family.Help);
        }
    }

    private sealed class MeasurementSink(Label[] account) : SampleSink(account)
    {
        public List<Measurement<double>> Measurements { get; } = [];

        protected override void Write(ReadOnlySpan<Label> labels, double value)
        {
            var tags = new KeyValuePair<string, object?>[labels.Length];
            for (int i = 0; i < labels.Length; i++)
                tags[i] = new(labels[i].Name, labels[i].Value);
            Measurements.Add(new Measurement<double>(value, tags));
        }
    }
}
