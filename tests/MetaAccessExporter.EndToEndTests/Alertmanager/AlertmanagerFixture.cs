using System.Net.Http.Json;
using System.Text.Json;
using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Alertmanager;

/// <summary>The real Alertmanager binary running the shipped configuration on a loopback port, started on first use.</summary>
public sealed class AlertmanagerFixture : IDisposable
{
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly string _storage = Directory.CreateTempSubdirectory("metaaccess-am-").FullName;
    private BackgroundProcess? _process;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Describe() => _process?.Describe() ?? "(alertmanager not started)";

    public async Task EnsureStartedAsync()
    {
        await _startLock.WaitAsync();
        try
        {
            if (_process is not null)
            {
                return;
            }

            var port = FreePort.Next();
            _process = BackgroundProcess.Start("alertmanager", Tools.Require("alertmanager"),
            [
                $"--config.file={RepositoryPaths.AlertmanagerConfig}",
                $"--storage.path={_storage}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=",
            ]);
            Http.BaseAddress = new Uri($"http://127.0.0.1:{port}");
            await Eventually.HttpOkAsync(Http, "/-/ready", Describe, () => !_process.HasExited);
        }
        finally
        {
            _startLock.Release();
        }
    }

    public async Task PostAsync(params Dictionary<string, string>[] alerts)
    {
        var now = DateTimeOffset.UtcNow;
        var body = alerts.Select(labels => new
        {
            labels,
            annotations = new Dictionary<string, string> { ["summary"] = "posted by the end-to-end tests" },
            startsAt = now.AddMinutes(-1),
            endsAt = now.AddHours(1),
        });
        using var response = await Http.PostAsJsonAsync("/api/v2/alerts", body);
        var answer = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"POST /api/v2/alerts answered {(int)response.StatusCode}: {answer}\n{Describe()}");
    }

    /// <summary>The alerts of one account as Alertmanager reports them, with their status.</summary>
    public async Task<IReadOnlyList<JsonElement>> AlertsAsync(string account)
    {
        var filter = Uri.EscapeDataString($"account=\"{account}\"");
        var json = await Http.GetStringAsync($"/api/v2/alerts?filter={filter}");
        return JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public void Dispose()
    {
        _process?.Dispose();
        Http.Dispose();
        _startLock.Dispose();
        try
        {
            Directory.Delete(_storage, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
