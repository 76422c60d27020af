using MetaAccessExporter.Api;
using MetaAccessExporter.Budget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Tests.Support;

/// <summary>The exporter's real API stack (Refit clients, handler chain, budget) pointed at a test server.</summary>
internal sealed class ApiHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ApiHarness(string baseUrl, Action<MetaAccessOptions>? configure = null, TimeProvider? time = null, ILoggerProvider? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MetaAccess:BaseUrl"] = baseUrl,
            ["MetaAccess:AccessToken"] = "SECRET-TOKEN-123",
            ["MetaAccess:RequestsPerMinute"] = "100",
            ["Exporter:StatePath"] = "",
        };
        _services = ExporterServices.Build(settings, time ?? TimeProvider.System, LogLevel.Trace, logs, configure);
    }

    public MetaAccessOptions Options => _services.GetRequiredService<MetaAccessOptions>();

    public StatusChangedClient StatusChanged => _services.GetRequiredService<StatusChangedClient>();

    public InventoryClient Inventory => _services.GetRequiredService<InventoryClient>();

    public DeviceDetailsClient DeviceDetails => _services.GetRequiredService<DeviceDetailsClient>();

    public ApiCallStats Stats => _services.GetRequiredService<ApiCallStats>();

    public RateBudget Budget => _services.GetRequiredService<RateBudget>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public long Requests(string endpoint, string code) => Stats.Requests(endpoint, code);

    public void Dispose() => _services.Dispose();
}
