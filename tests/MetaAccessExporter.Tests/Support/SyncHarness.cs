using MetaAccessExporter.Api;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Model;
using MetaAccessExporter.Model.Persistence;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Support;

/// <summary>The exporter's sync stack as production wires it, on a <see cref="FakeTimeProvider"/>.</summary>
internal sealed class SyncHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public SyncHarness(string apiUrl, FakeTimeProvider time, string? statePath = null, CapturedLogs? logs = null, Action<MetaAccessOptions>? configure = null)
    {
        Time = time;
        var options = new MetaAccessOptions
        {
            BaseUrl = new Uri(apiUrl), AccessToken = "SECRET-TOKEN-123", Account = "acme", PageSize = 2, RequestsPerMinute = 1000,
        };
        configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
                b.AddProvider(logs);
        });
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(options);
        services.AddSingleton(new EnrichmentOptions());
        services.AddSingleton(new ExporterOptions { StatePath = statePath ?? "" });
        services.AddMetaAccessApi();
        services.AddDeltaSync();
        services.AddEnrichment();
        services.AddDeviceModel();
        services.AddExporterMetrics(otlp: false);
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public DeltaPoller Poller => _services.GetRequiredService<DeltaPoller>();

    public DeviceModel Model => _services.GetRequiredService<DeviceModel>();

    public SyncStatus Status => _services.GetRequiredService<SyncHealth>().Current;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public void Dispose() => _services.Dispose();
}
