using System.Globalization;
using System.Text.Json;
using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Live;

/// <summary>
/// The whole chain on loopback, as processes: the simulator standalone, the exporter polling it, and
/// Debian's Prometheus scraping the exporter's three endpoints every second with the shipped rule files loaded.
/// Started on first use (so a skipped test starts nothing), stopped with every child process on dispose.
/// </summary>
public sealed class LiveStackFixture : IDisposable
{
    public const int DeviceCount = 300;

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly string _workDir = Directory.CreateTempSubdirectory("metaaccess-e2e-").FullName;
    private readonly List<BackgroundProcess> _processes = [];
    private Exception? _startFailure;
    private bool _started;

    public HttpClient Simulator { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public HttpClient Exporter { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public PrometheusClient Prometheus { get; private set; } = null!;

    /// <summary>Every process's output, for assertion messages.</summary>
    public string Describe() => string.Join("\n", _processes.Select(p => p.Describe()));

    public async Task EnsureStartedAsync()
    {
        await _startLock.WaitAsync();
        try
        {
            if (_startFailure is not null)
            {
                throw new InvalidOperationException(
                    "The live stack failed to start (see the first failing test for details).", _startFailure);
            }

            if (!_started)
            {
                await StartAsync();
                _started = true;
            }
        }
        catch (Exception e) when (_startFailure is null)
        {
            _startFailure = e;
            throw;
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task StartAsync()
    {
        var prometheus = Tools.Require("prometheus");
        var simulatorDll = RequireBuilt("MetaAccess.Simulator");
        var exporterDll = RequireBuilt("MetaAccessExporter");
        var dotnet = Tools.Dotnet;
        var childEnvironment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            // Keep the captured output (shown when a test fails) to what the services say, not every scrape.
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };

        var simulatorUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var simulator = Track(BackgroundProcess.Start("simulator", dotnet,
        [
            simulatorDll, "--urls", simulatorUrl,
            "--Simulator:Seed=7", $"--Simulator:DeviceCount={DeviceCount}", "--Simulator:RequestsPerMinute=6000",
            "--Simulator:MeanTimeBetweenChanges=00:00:00",
        ], _workDir, childEnvironment));
        Simulator.BaseAddress = new Uri(simulatorUrl);
        await Eventually.HttpOkAsync(Simulator, "/simulator/fleet", Describe, () => !simulator.HasExited);

        var exporterUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var exporter = Track(BackgroundProcess.Start("exporter", dotnet,
        [
            exporterDll, "--urls", exporterUrl,
            $"--MetaAccess:BaseUrl={simulatorUrl}", "--MetaAccess:AccessToken=demo-token", "--MetaAccess:RequestsPerMinute=6000",
            "--MetaAccess:PollInterval=00:00:01", "--Exporter:StatePath=",
        ], _workDir, childEnvironment));
        Exporter.BaseAddress = new Uri(exporterUrl);
        await Eventually.HttpOkAsync(Exporter, "/readyz", Describe, () => !exporter.HasExited, TimeSpan.FromSeconds(90));

        var prometheusPort = FreePort.Next();
        var config = Path.Combine(_workDir, "prometheus.yml");
        await File.WriteAllTextAsync(config, PrometheusConfig(new Uri(exporterUrl).Authority));
        var server = Track(BackgroundProcess.Start("prometheus", prometheus,
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(_workDir, "tsdb")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}",
        ], _workDir));
        Prometheus = new PrometheusClient(new Uri($"http://127.0.0.1:{prometheusPort}"));
        await Eventually.HttpOkAsync(Prometheus.Http, "/-/ready", Describe, () => !server.HasExited);
        await Eventually.SucceedsAsync("every scrape target to be up", async () =>
        {
            var targets = await Prometheus.ActiveTargetsAsync();
            var unhealthy = targets.Where(t => t.Health != "up").Select(t => $"{t.Job} {t.Health} {t.LastError}").ToList();
            return targets.Count == 3 && unhealthy.Count == 0 ? null : $"targets: {targets.Count}, not up: {string.Join("; ", unhealthy)}";
        }, Describe);
    }

    /// <summary>The simulator's truth: device count, devices by raw status, device ids.</summary>
    public async Task<SimulatedFleet> FleetAsync()
    {
        using var doc = JsonDocument.Parse(await Simulator.GetStringAsync("/simulator/fleet"));
        var root = doc.RootElement;
        return new SimulatedFleet(
            root.GetProperty("count").GetInt32(),
            root.GetProperty("by_status").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
            root.GetProperty("devices").EnumerateArray()
                .Select(d => d.ValueKind == JsonValueKind.String ? d.GetString()! : d.GetProperty("device_id").GetString()!)
                .ToList());
    }

    /// <summary>A label value the way the exporter writes it (CONTRACT.md, "Label values").</summary>
    public static string NormalizeLabel(string value)
    {
        var trimmed = value.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        return trimmed.Length == 0 ? "unknown" : trimmed;
    }

    public void Dispose()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Dispose();
        }

        Simulator.Dispose();
        Exporter.Dispose();
        Prometheus?.Dispose();
        _startLock.Dispose();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: Prometheus may still hold a file for a moment
        }
        catch (UnauthorizedAccessException)
        {
            // likewise
        }
    }

    private BackgroundProcess Track(BackgroundProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private static string RequireBuilt(string project)
    {
        var path = RepositoryPaths.BuiltAssembly(project);
        File.Exists(path).Should().BeTrue($"{path} should have been built through the test project's reference to src/{project}");
        return path;
    }

    private static string PrometheusConfig(string exporter)
    {
        var rules = string.Join("\n", RepositoryPaths.RuleFiles.Select(f => $"  - {Quote(f)}"));
        return $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files:
            {rules}
            scrape_configs:
              - job_name: metaaccess
                metrics_path: /metrics
                static_configs:
                  - targets: [{Quote(exporter)}]
              - job_name: metaaccess_devices
                metrics_path: /metrics/devices
                static_configs:
                  - targets: [{Quote(exporter)}]
              - job_name: metaaccess_telemetry
                metrics_path: /metrics/telemetry
                static_configs:
                  - targets: [{Quote(exporter)}]
            """;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

public sealed record SimulatedFleet(int Count, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<string> DeviceIds)
{
    public IReadOnlyDictionary<string, int> ByNormalizedStatus() =>
        ByStatus.GroupBy(kv => LiveStackFixture.NormalizeLabel(kv.Key))
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);

    public override string ToString() =>
        $"{Count} devices: "
        + string.Join(", ", ByStatus.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));
}

[CollectionDefinition(Name)]
public sealed class LiveStackCollection : ICollectionFixture<LiveStackFixture>
{
    public const string Name = "live stack";
}
