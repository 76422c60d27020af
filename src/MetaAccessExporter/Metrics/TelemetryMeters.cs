using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// The exporter's own instrumentation as OpenTelemetry records it, for <c>/metrics/telemetry</c>: .NET's built-in
/// meters for the HTTP server, the HTTP client that calls the MetaAccess API, and the runtime, read by OpenTelemetry's
/// Prometheus exporter. A meter provider of its own, beside the one that pushes over OTLP: a reader takes every meter
/// of its provider, and this endpoint must not carry the <c>MetaAccessExporter</c> meter, whose families are
/// <c>/metrics</c>'s own and would walk the model on every scrape here.
/// </summary>
public sealed class TelemetryMeters : IDisposable
{
    /// <summary>Meters .NET itself records into, named as OpenTelemetry's semantic conventions name them.</summary>
    public static readonly string[] BuiltIn =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
    ];

    public MeterProvider Provider { get; } = Sdk.CreateMeterProviderBuilder()
        .AddMeter(BuiltIn)
        .AddPrometheusExporter()
        .Build();

    public void Dispose() => Provider.Dispose();
}
