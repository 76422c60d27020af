using MetaAccessExporter.Metrics.Exposition;
using Prometheus;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>
/// prometheus-net: one labelled <see cref="Gauge"/> per family in a registry of its own, a child per series set at
/// setup, served by its <c>MapMetrics</c> (which collects and serializes the registry on every scrape).
/// </summary>
internal static class PrometheusNetContender
{
    // Its default metrics (process, .NET meters and event counters) would add series and listen to every meter.
    private static readonly Lazy<bool> Quiet = new(() =>
    {
        Prometheus.Metrics.SuppressDefaultMetrics();
        return true;
    });

    public static Task<ScrapeServer> StartAsync(int devices)
    {
        _ = Quiet.Value;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        new GaugeSink(Prometheus.Metrics.WithCustomRegistry(registry)).Fill(Fleet.Devices(devices));
        return ScrapeServer.StartAsync(_ => { }, app => app.MapMetrics(ScrapePaths.Devices, registry));
    }

    private sealed class GaugeSink(IMetricFactory factory) : DeviceSeriesSink
    {
        private readonly Dictionary<string, Gauge> _gauges = [];

        protected override void Write(ReadOnlySpan<Label> labels, double value)
        {
            if (!_gauges.TryGetValue(Family.Name, out var gauge))
            {
                var names = new string[labels.Length];
                for (int i = 0; i < labels.Length; i++)
                    names[i] = labels[i].Name;
                _gauges[Family.Name] = gauge = factory.CreateGauge(Family.Name, Family.Help, names);
            }
            var values = new string[labels.Length];
            for (int i = 0; i < labels.Length; i++)
                values[i] = labels[i].Value;
            gauge.WithLabels(values).Set(value);
        }
    }
}
