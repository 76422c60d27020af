using MetaAccessExporter.Api;
using MetaAccessExporter.Budget;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Tests.Support;

/// <summary>The exporter's real API stack (Refit clients, handler chain, budget) pointed at a test server.</summary>
internal sealed class ApiHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ApiHarness(string baseUrl, Action<MetaAccessOptions>? configure = null, TimeProvider? time = null, ILoggerProvider? logs = null)
    {
        Options = new MetaAccessOptions { BaseUrl = new Uri(baseUrl), AccessToken = "SECRET-TOKEN-123", RequestsPerMinute = 100 };
        configure?.Invoke(Options);
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
                b.AddProvider(logs);
        });
        services.AddSingleton(Options);
        services.AddSingleton(new EnrichmentOptions());
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddMetaAccessApi();
        _services = services.BuildServiceProvider();
    }

    public MetaAccessOptions Options { get; }

    public StatusChangedClient StatusChanged => _services.GetRequiredService<StatusChangedClient>();

    public DeviceDetailsClient DeviceDetails => _services.GetRequiredService<DeviceDetailsClient>();

    public ApiCallStats Stats => _services.GetRequiredService<ApiCallStats>();

    public RateBudget Budget => _services.GetRequiredService<RateBudget>();

    public long Requests(string endpoint, string code) => Stats.Requests(endpoint, code);

    public void Dispose() => _services.Dispose();
}
