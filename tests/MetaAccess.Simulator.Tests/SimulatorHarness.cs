using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccess.Simulator.Tests;

/// <summary>A simulator on a free loopback port, driven by a fake clock, and a client for it.</summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private SimulatorHarness(SimulatorServer server, FakeTimeProvider time, SimulatorOptions options)
    {
        Server = server;
        Time = time;
        Options = options;
        Http = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public SimulatorServer Server { get; }

    public FakeTimeProvider Time { get; }

    public SimulatorOptions Options { get; }

    public HttpClient Http { get; }

    public SimulatedFleetView Fleet => new(Server.Fleet);

    /// <summary>Defaults for tests: a small fleet, no churn, a budget that walks never exhaust.</summary>
    public static async Task<SimulatorHarness> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { DeviceCount = 200, MeanTimeBetweenChanges = TimeSpan.Zero, RequestsPerMinute = 10_000 };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(Start);
        var server = await SimulatorServer.StartAsync(options, time);
        return new SimulatorHarness(server, time, options);
    }

    public Task<HttpResponseMessage> StatusChangedAsync(object? body, string? token = "demo-token")
    {
        var query = token is null ? "" : $"?access_token={Uri.EscapeDataString(token)}";
        return Http.PostAsJsonAsync($"/o/api/v3/devices/status_changed{query}", body);
    }

    public async Task<JsonElement> PageAsync(int page, int limit = 50, int age = 86400, int verbose = 0)
    {
        using var response = await StatusChangedAsync(new { age, verbose, page, limit });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Walks every page until a short page or a 413, as the exporter does.</summary>
    public async Task<(List<string> Monitored, List<string> Deleted)> WalkAsync(int age = 86400, int limit = 50)
    {
        var monitored = new List<string>();
        var deleted = new List<string>();
        for (var page = 1; ; page++)
        {
            using var response = await StatusChangedAsync(new { age, page, limit });
            if (response.StatusCode == System.Net.HttpStatusCode.RequestEntityTooLarge)
            {
                return (monitored, deleted);
            }

            response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var ids = Ids(body, "monitored_devices");
            var gone = Ids(body, "deleted_devices");
            monitored.AddRange(ids);
            deleted.AddRange(gone);
            if (ids.Count + gone.Count < limit)
            {
                return (monitored, deleted);
            }
        }
    }

    public Task<HttpResponseMessage> InventoryAsync(object? body, string? token = "demo-token")
    {
        var query = token is null ? "" : $"?access_token={Uri.EscapeDataString(token)}";
        return Http.PostAsJsonAsync($"/o/api/v3.7/devices{query}", body);
    }

    public async Task<JsonElement> InventoryPageAsync(string? cursor, int limit = 50)
    {
        using var response = await InventoryAsync(new { token = cursor, limit });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Follows the inventory's cursor until a page without a usable next token (empty, null or absent) or
    /// without devices, calling <paramref name="betweenPages"/> after each page; returns every device record read.
    /// </summary>
    public async Task<List<JsonElement>> InventoryWalkAsync(int limit = 50, Action<int>? betweenPages = null)
    {
        var devices = new List<JsonElement>();
        string? cursor = null;
        for (var page = 1; ; page++)
        {
            var body = await InventoryPageAsync(cursor, limit);
            devices.AddRange(body.GetProperty("devices").EnumerateArray());
            cursor = NextToken(body);
            if (string.IsNullOrEmpty(cursor) || body.GetProperty("devices").GetArrayLength() == 0)
            {
                return devices;
            }

            betweenPages?.Invoke(page);
        }
    }

    /// <summary>Account details, the token sent as the header, the query parameter, both or neither.</summary>
    public async Task<HttpResponseMessage> AccountAsync(string? headerToken = "demo-token", string? queryToken = null)
    {
        var query = queryToken is null ? "" : $"?access_token={Uri.EscapeDataString(queryToken)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/o/api/v3.1/account{query}");
        if (headerToken is not null)
        {
            request.Headers.Add("access_token", headerToken);
        }

        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> TokenAsync(string secret = "demo-secret") =>
        Http.PostAsync("/o/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "demo-client",
            ["client_secret"] = secret,
            ["grant_type"] = "client_credentials",
        }));

    /// <summary>The answer's three X-RateLimit-* headers, or null when it has none of them.</summary>
    public static RateHeaders? RateLimit(HttpResponseMessage response)
    {
        long? Read(string name) =>
            response.Headers.TryGetValues(name, out var values) ? long.Parse(values.Single(), CultureInfo.InvariantCulture) : null;

        var (limit, remaining, reset) = (Read("X-RateLimit-Limit"), Read("X-RateLimit-Remaining"), Read("X-RateLimit-Reset-Time"));
        if (limit is null && remaining is null && reset is null)
        {
            return null;
        }

        return new RateHeaders(limit ?? -1, remaining ?? -1, reset ?? -1);
    }

    /// <summary>The page's next_token, or null when it is null or absent.</summary>
    public static string? NextToken(JsonElement page) =>
        page.TryGetProperty("next_token", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;

    public static List<string> Ids(IEnumerable<JsonElement> records) => [.. records.Select(e => e.GetProperty("device_id").GetString()!)];

    public static List<string> Ids(JsonElement page, string array) =>
        [.. page.GetProperty(array).EnumerateArray().Select(e => e.GetProperty("device_id").GetString()!)];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>An answer's rate-limit headers: the limit, calls left, seconds until the oldest counted call leaves the window.</summary>
internal readonly record struct RateHeaders(long Limit, long Remaining, long ResetTime);

/// <summary>Shortcuts to the truth the tests compare answers with.</summary>
internal readonly record struct SimulatedFleetView(SimulatedFleet Fleet)
{
    public List<string> Ids => [.. Fleet.Snapshot().Select(d => d.DeviceId)];

    /// <summary>Monitored devices in the feed's default order: oldest change first, then by id.</summary>
    public List<SimulatedDevice> ByChange =>
        [.. Fleet.Snapshot().OrderBy(d => d.ChangedAt).ThenBy(d => d.DeviceId, StringComparer.Ordinal)];
}
