using System.Globalization;
using MetaAccess.Simulator;
using Microsoft.Extensions.Configuration;

namespace MetaAccessExporter.Hosting;

/// <summary>
/// <c>--demo</c>: the built-in simulator on a loopback port, and the exporter's own client, budget
/// and delta sync pointed at it over HTTP, with the budget and poll interval raised so the model
/// fills within seconds. Simulator settings may be overridden with <c>--Simulator:Key=value</c>.
/// </summary>
public sealed class DemoMode : IAsyncDisposable
{
    public const int RequestsPerMinute = 600;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly SimulatorServer _simulator;
    private readonly SimulatorOptions _options;

    private DemoMode(SimulatorServer simulator, SimulatorOptions options)
    {
        _simulator = simulator;
        _options = options;
    }

    public Uri Url => _simulator.BaseAddress;

    public int Devices => _simulator.Fleet.Count;

    /// <summary>What the landing page says, so nobody mistakes the demo for a real account.</summary>
    public string Banner =>
        $"Demo mode: reading the built-in simulator ({Devices} devices) at {RequestsPerMinute} requests/min, "
        + $"polling every {PollInterval.TotalSeconds:0} s. No real account is read.";

    public static async Task<DemoMode> StartAsync(IConfiguration overrides)
    {
        var options = new SimulatorOptions { RequestsPerMinute = RequestsPerMinute };
        overrides.GetSection("Simulator").Bind(options);
        var simulator = await SimulatorServer.StartAsync(options).ConfigureAwait(false);
        return new DemoMode(simulator, options);
    }

    /// <summary>The exporter settings that point it at the simulator; the user's own command line still wins.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ExporterSettings() =>
    [
        new("MetaAccess:BaseUrl", Url.ToString()),
        new("MetaAccess:Account", "demo"),
        new("MetaAccess:AccessToken", ""),
        new("MetaAccess:AccessTokenFile", ""),
        new("MetaAccess:ClientId", _options.ClientId),
        new("MetaAccess:ClientSecret", _options.ClientSecret),
        new("MetaAccess:ClientSecretFile", ""),
        new("MetaAccess:RequestsPerMinute", _options.RequestsPerMinute.ToString(CultureInfo.InvariantCulture)),
        new("MetaAccess:PollInterval", PollInterval.ToString("c", CultureInfo.InvariantCulture)),
        new("Exporter:StatePath", ""),
    ];

    public void LogStarted(Microsoft.Extensions.Logging.ILogger logger) =>
        Log.DemoStarted(logger, Url, Devices, RequestsPerMinute, PollInterval);

    public ValueTask DisposeAsync() => _simulator.DisposeAsync();
}
