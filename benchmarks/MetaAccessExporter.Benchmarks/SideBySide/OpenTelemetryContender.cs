using System.Diagnostics.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>
/// OpenTelemetry: one <see cref="ObservableGauge{T}"/> per family whose callback returns a measurement per series,
/// read by the SDK on every scrape and written by its Prometheus exporter (<c>MapPrometheusScrapingEndpoint</c>).
/// The measurements and their tags are built once at setup, so the callbacks allocate nothing: the best case for it.
/// </summary>
internal static class OpenTelemetryContender
{
    private const string MeterName = "MetaAccessExporter.Benchmarks.DeviceSeries";

    public static Task<ScrapeServer> StartAsync(int devices)
    {
        var sink = new MeasurementSink();
        sink.Fill(Fleet.Devices(devices));
        var meter = new Meter(MeterName);
        foreach (var (name, series) in sink.Families)
            meter.CreateObservableGauge(name, () => series.Measurements, unit: null, description: series.Help);
        return ScrapeServer.StartAsync(services => services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(MeterName)
                // The SDK keeps 2,000 series per instrument by default and folds the rest into one overflow series.
                .AddView(instrument => instrument.Meter.Name == MeterName
                    ? new MetricStreamConfiguration { CardinalityLimit = sink.Families[instrument.Name].Measurements.Count + 10 }
                    : null)
                // Its default caches an answer for 300 ms; here every scrape collects, as the other contenders do.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)),
            app => app.MapPrometheusScrapingEndpoint(ScrapePaths.Devices), meter);
    }

    private sealed class MeasurementSink : DeviceSeriesSink
    {
        public Dictionary<string, FamilySeries> Families { get; } = [];

        protected override void Write(ReadOnlySpan<Label> labels, double value)
        {
            if (!Families.TryGetValue(Family.Name, out var series))
                Families[Family.Name] = series = new FamilySeries(Family.Help, []);
            var tags = new KeyValuePair<string, object?>[labels.Length];
            for (int i = 0; i < labels.Length; i++)
                tags[i] = new(labels[i].Name, labels[i].Value);
            series.Measurements.Add(new Measurement<double>(value, tags));
        }
    }

    private sealed record FamilySeries(string Help, List<Measurement<double>> Measurements);
}
