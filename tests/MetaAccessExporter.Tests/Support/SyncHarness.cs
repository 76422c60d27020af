using MetaAccessExporter.Api;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Model;
using MetaAccessExporter.Model.Persistence;
using MetaAccessExporter.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Support;

/// <summary>The exporter's model and sync as production wires them, on a <see cref="FakeTimeProvider"/>.</summary>
internal sealed class SyncHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public SyncHarness(string apiUrl, FakeTimeProvider time, string? statePath = null, CapturedLogs? logs = null,
        Action<MetaAccessOptions>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Time = time;
        var all = new Dictionary<string, string?>
        {
            ["MetaAccess:BaseUrl"] = apiUrl,
            ["MetaAccess:AccessToken"] = "SECRET-TOKEN-123",
            ["MetaAccess:Account"] = "acme",
            ["MetaAccess:PageSize"] = "2",
            ["MetaAccess:RequestsPerMinute"] = "1000",
            ["Exporter:StatePath"] = statePath ?? "",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        _services = ExporterServices.Build(all, time, LogLevel.Debug, logs, configure);
    }

    public FakeTimeProvider Time { get; }

    public DeltaPoller Poller => _services.GetRequiredService<DeltaPoller>();

    public DeviceModel Model => _services.GetRequiredService<DeviceModel>();

    public SyncStatus Status => _services.GetRequiredService<SyncHealth>().Current;

    public SyncCheckpoint? Checkpoint => Get<Completeness>().Current;

    /// <summary>One whole inventory pass; a pass stuck retrying on the fake clock fails the test instead of hanging it.</summary>
    public Task ListAsync() => Get<InventoryPoller>().RunPassAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>
    /// Starts what a host starts for the model and sync, in the host's order: the saved model is restored, then the poller runs.
    /// </summary>
    public async Task StartAsync()
    {
        foreach (var service in ModelAndSync())
            await service.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops them in the host's order, the reverse: the poller, then persistence, which saves.</summary>
    public async Task StopAsync()
    {
        foreach (var service in ModelAndSync().Reverse())
            await service.StopAsync(CancellationToken.None);
    }

    /// <summary>Starts every background service in the host's order (budget memory, model, watch, list, account, details).</summary>
    public async Task StartHostAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
            await service.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops them as the host does, in reverse: the readers first, then the model and the budget are saved.</summary>
    public async Task StopHostAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>().Reverse())
            await service.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _services.Dispose();

    private IHostedService[] ModelAndSync() =>
        _services.GetServices<IHostedService>().Where(s => s is ModelPersistence or DeltaPoller).ToArray();
}
