using System.Net;
using System.Net.Sockets;
using MetaAccessExporter.Api;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Api;

/// <summary>
/// Each way the API can fail, over real HTTP: counted by code, survived, the last model still
/// served with <c>metaaccess_up 0</c>, and logged once when sync breaks and once when it recovers.
/// </summary>
public sealed class FaultTests : IDisposable
{
    private const string Page = "/o/api/v3/devices/status_changed";
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(T0);
    private readonly CapturedLogs _logs = new();
    private readonly string _state = Directory.CreateTempSubdirectory("metaaccess-faults-").FullName;

    public static TheoryData<string, string, bool> Faults => new()
    {
        { "timeout", "timeout", false },
        { "500", "500", false },
        { "503", "503", false },
        { "429 without Retry-After", "429", false },
        { "html instead of JSON", "200", true },
        { "truncated JSON", "200", true },
        { "page far larger than asked for", "200", true },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_is_counted_survived_and_logged_once_when_sync_breaks_and_once_when_it_recovers(string fault, string code, bool invalid)
    {
        ServeFleet("A", "B", "C");
        using var sync = Exporter(_api.Url!);
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        _api.Reset();
        Serve(fault);

        (await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None))).Should().BeOfType<MetaAccessApiException>();
        (await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None))).Should().BeOfType<MetaAccessApiException>();

        var scrape = Scrape(sync);
        scrape.Should().Contain($"metaaccess_api_requests_total{{account=\"acme\",endpoint=\"status_changed\",code=\"{code}\"}} {(code == "200" ? 3 : 2)}\n");
        if (invalid)
            scrape.Should().Contain("metaaccess_api_invalid_responses_total{account=\"acme\",endpoint=\"status_changed\"} 2\n");
        if (code == "429")
            scrape.Should().Contain("metaaccess_api_throttled_total{account=\"acme\"} 2\n");
        scrape.Should().Contain("metaaccess_up{account=\"acme\"} 0\n")
            .And.Contain("metaaccess_poll_cycles_total{account=\"acme\",result=\"failure\"} 2\n")
            .And.Contain("metaaccess_devices{account=\"acme\",group=\"g\",status=\"compliant\",severity=\"none\"} 3\n", "the last known model is still served");
        Lines("Sync is failing").Should().ContainSingle().Which.Should().StartWith("Error");
        Lines("Poll cycle failed again").Should().ContainSingle().Which.Should().StartWith("Debug", "repeated failures are not logged at a level operators read");

        _api.Reset();
        ServeFleet("A", "B", "C", "D");
        (await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None))).Should().BeNull();

        Scrape(sync).Should().Contain("metaaccess_up{account=\"acme\"} 1\n").And.Contain("severity=\"none\"} 4\n");
        Lines("Sync recovered").Should().ContainSingle().Which.Should().StartWith("Information");
        Lines("Sync is failing").Should().ContainSingle();
    }

    [Fact]
    public async Task Connection_refused_is_counted_as_error_and_the_restored_model_is_served()
    {
        // Bound but not listening: connections are refused, and no other test can take the port meanwhile.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await UnreachableApiIsCountedAsErrorAndTheRestoredModelIsServed($"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}");
    }

    [Fact]
    public Task A_host_that_does_not_resolve_is_counted_as_error_and_the_restored_model_is_served() =>
        UnreachableApiIsCountedAsErrorAndTheRestoredModelIsServed("http://metaaccess.invalid");

    private async Task UnreachableApiIsCountedAsErrorAndTheRestoredModelIsServed(string unreachable)
    {
        ServeFleet("A", "B", "C");
        using (var first = Exporter(_api.Url!))
        {
            await first.Poller.RunCycleAsync(CancellationToken.None);
            await first.StopAsync();
        }
        using var sync = Exporter(unreachable);
        await sync.StartAsync();
        await sync.StopAsync();

        (await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None))).Should().BeOfType<MetaAccessApiException>();
        (await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None))).Should().BeOfType<MetaAccessApiException>();

        var scrape = Scrape(sync);
        scrape.Should().MatchRegex("metaaccess_api_requests_total\\{account=\"acme\",endpoint=\"status_changed\",code=\"error\"\\} [23]\n",
            "a start-up cycle may have failed the same way before it was stopped");
        scrape.Should().Contain("metaaccess_up{account=\"acme\"} 0\n").And.Contain("severity=\"none\"} 3\n");
        Lines("Sync is failing").Should().ContainSingle();
    }

    [Fact]
    public async Task A_failing_poller_backs_off_instead_of_hammering_the_api()
    {
        var sent = new List<DateTimeOffset>();
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithCallback(_ =>
        {
            lock (sent)
                sent.Add(_time.GetUtcNow());
            return new WireMock.ResponseMessage { StatusCode = 500 };
        }));
        using var sync = Exporter(_api.Url!);

        await sync.Poller.StartAsync(CancellationToken.None);
        await _time.AdvanceInStepsAsync(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1));
        await sync.Poller.StopAsync(CancellationToken.None);

        List<DateTimeOffset> calls;
        lock (sent)
            calls = [.. sent];
        var gaps = calls.Zip(calls.Skip(1), (a, b) => b - a).ToList();
        calls.Count.Should().BeInRange(5, 30, "retries back off exponentially from 5 s towards the poll interval (1 min), with jitter");
        gaps.Should().OnlyContain(g => g > TimeSpan.Zero, "no two retries at the same instant");
        gaps.Skip(gaps.Count / 2).Average(g => g.TotalSeconds).Should().BeGreaterThan(20, "later retries are spaced near the poll interval");
        Lines("Sync is failing").Should().ContainSingle();
    }

    public void Dispose()
    {
        _api.Stop();
        Directory.Delete(_state, recursive: true);
    }

    private SyncHarness Exporter(string url) => new(url, _time, _state, _logs, o =>
    {
        o.PageSize = 50;
        // Far longer than the fake clock's 5 s steps: a request that takes a few real milliseconds
        // while the clock moves must not time out. The 2 s server delay still outlasts it by far.
        o.RequestTimeout = TimeSpan.FromMinutes(2);
    });

    private List<string> Lines(string text) => _logs.Lines.Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();

    private static string Scrape(SyncHarness sync) => Exposition.Render(sync.Get<FleetMetricsRenderer>().WriteTo);

    private void ServeFleet(params string[] ids) => ServeFleet(_api, ids);

    private static void ServeFleet(WireMockServer api, params string[] ids) =>
        api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithBody(Json(ids)));

    private void Serve(string fault)
    {
        var response = Response.Create();
        response = fault switch
        {
            "timeout" => response.WithBody(Json(["A"])).WithDelay(TimeSpan.FromSeconds(2)),
            "500" => response.WithStatusCode(500).WithBody("oops"),
            "503" => response.WithStatusCode(503),
            "429 without Retry-After" => response.WithStatusCode(429).WithBody("""{"error":"rate_limited"}"""),
            "html instead of JSON" => response.WithHeader("Content-Type", "text/html").WithBody("<html><body>502 Bad Gateway</body></html>"),
            "truncated JSON" => response.WithHeader("Content-Type", "application/json").WithBody(Json(["A", "B", "C"])[..40]),
            "page far larger than asked for" => response.WithBody(Json(Enumerable.Range(0, 500).Select(i => $"X{i}").ToArray())),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        _api.Given(Request.Create().WithPath(Page)).RespondWith(response);
    }

    private static string Json(string[] ids) =>
        "{\"monitored_devices\":[" + string.Join(",", ids.Select(id => $"{{\"device_id\":\"{id}\",\"status\":\"compliant\",\"severity\":\"none\",\"group_name\":\"g\"}}")) + "],\"deleted_devices\":[]}";
}
