using MetaAccessExporter.Api;
using MetaAccessExporter.Metrics.Cardinality;
using MetaAccessExporter.Model;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace MetaAccessExporter.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// The renderers for <c>/metrics</c> and <c>/metrics/devices</c>, the meters <c>/metrics/telemetry</c> serves, and
    /// the OpenTelemetry instruments. OTLP export, of our meter and the built-in ones, is switched on by the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable.
    /// </summary>
    public static IServiceCollection AddExporterMetrics(this IServiceCollection services, bool otlp)
    {
        services.AddSingleton(sp =>
            new DeviceSeriesCache(sp.GetRequiredService<MetaAccessOptions>().Account, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDeviceModelObserver>(sp => sp.GetRequiredService<DeviceSeriesCache>());
        services.AddSingleton(sp => new CappedFleet(sp.GetRequiredService<DeviceModel>(),
            sp.GetRequiredService<ExporterOptions>().MaxLabelValues, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => ExporterSettings.Of(sp.GetRequiredService<MetaAccessOptions>(),
            sp.GetRequiredService<IReadOnlyList<StaleThreshold>>(), sp.GetRequiredService<Inventory.InventoryOptions>(),
            sp.GetRequiredService<Account.AccountOptions>(), sp.GetRequiredService<Enrichment.EnrichmentOptions>()));
        services.AddSingleton<FleetMetricsRenderer>();
        services.AddSingleton<ProcessCollectors>();
        services.AddSingleton<MetricsAnswer>();
        services.AddSingleton<TelemetryMeters>();
        services.AddHostedService<OpenTelemetryInstruments>();
        if (otlp)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(OpenTelemetryInstruments.MeterName)
                .AddMeter(TelemetryMeters.BuiltIn)
                .AddOtlpExporter());
        }
        return services;
    }
}
