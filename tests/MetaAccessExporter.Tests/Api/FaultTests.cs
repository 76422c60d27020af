using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MetaAccessExporter.Api;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Faults;
using MetaAccessExporter.TestSupport.Pages;
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
    private const string Page = PageJson.Path;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly FakeClock _time = new(T0);
    private readonly CapturedLogs _logs = new();
    private readonly CancellationTokenSource _release = new();
    private readonly string _state = Directory.CreateTempSubdirectory("metaaccess-faults-").FullName;

    public static TheoryData<string> Faults => new(FaultCatalog.Names);

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_is_counted_survived_and_logged_once_when_sync_breaks_and_once_when_it_recovers(string name)
    {
        var fault = FaultCatalog.Named(name);
        ServeFleet("A", "B", "C");
        using var sync = Exporter(_api.Url!);
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        _api.Reset();
        _api.Given(Request.Create().WithPath(Page)).RespondWith(FaultCatalog.Answer(fault, _release.Token));

        var first = await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None), stalledServer: fault.Stalls);
        var second = await _time.RunAsync(() => sync.Poller.RunCycleAsync(CancellationToken.None), stalledServer: fault.Stalls);

        first.Should().BeOfType<MetaAccessApiException>().Which.Code.Should().Be(fault.Invalid ? "invalid" : fault.Code);
        second.Should().BeOfType<MetaAccessApiException>().Which.Code.Should().Be(fault.Invalid ? "invalid" : fault.Code);
        var scrape = Scrape(sync);
        // Each code the fault may be counted under, with the count it must have: a fault counted twice, or under
        // another code as well (a slow answer as a timeout, an invalid body as an error), shows here.
        StatusChangedCounts(scrape).Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["200"] = fault.Code == "200" ? 3 : 1,
            [fault.Code] = fault.Code == "200" ? 3 : 2,
        });
        if (fault.Invalid)
            scrape.Should().Contain("metaaccess_api_invalid_responses_total{account=\"acme\",endpoint=\"status_changed\"} 2\n");
        else
            scrape.Should().Contain("metaaccess_api_invalid_responses_total{account=\"acme\",endpoint=\"status_changed\"} 0\n",
                "a well-formed answer is never counted as invalid");
        scrape.Should().Contain($"metaaccess_api_throttled_total{{account=\"acme\"}} {(fault.Code == "429" ? 2 : 0)}\n");
        scrape.Should().Contain("metaaccess_up{account=\"acme\"} 0\n")
            .And.Contain("metaaccess_poll_cycles_total{account=\"acme\",result=\"failure\"} 2\n")
            .And.Contain("metaaccess_devices{account=\"acme\",group=\"g\",status=\"compliant\",severity=\"none\"} 3\n",
                "the last known model is still served");
        Lines("Sync is failing").Should().ContainSingle().Which.Should().StartWith("Error");
        Lines("Poll cycle failed again").Should().ContainSingle()
            .Which.Should().StartWith("Debug", "repeated failures are not logged at a level operators read");

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

        var failed = sync.Status.FailedCycles;
        failed.Should().BeInRange(2, 3, "a start-up cycle may have failed the same way before it was stopped");
        var scrape = Scrape(sync);
        StatusChangedCounts(scrape).Should().BeEquivalentTo(new Dictionary<string, long> { ["error"] = failed },
            "each failed cycle made one request, counted as an error however long the failure took to come");
        scrape.Should().Contain($"metaaccess_poll_cycles_total{{account=\"acme\",result=\"failure\"}} {failed}\n");
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
        gaps.Should().OnlyContain(g => g <= PollInterval * 1.5,
            "the backoff is capped at the poll interval: a failing API is still asked about once a minute");
        gaps.Skip(gaps.Count / 2).Average(g => g.TotalSeconds)
            .Should().BeGreaterThan(20, "later retries are spaced near the poll interval");
        Lines("Sync is failing").Should().ContainSingle();
    }

    public void Dispose()
    {
        _release.Cancel();
        _api.Stop();
        _release.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private SyncHarness Exporter(string url) => new(url, _time, _state, _logs, o => o.PageSize = 50);

    private List<string> Lines(string text) => _logs.Lines.Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();

    private static string Scrape(SyncHarness sync) => Exposition.Render(sync.Get<FleetMetricsRenderer>().WriteTo);

    /// <summary><c>metaaccess_api_requests_total</c> of the status_changed endpoint, by code, as scraped.</summary>
    private static Dictionary<string, long> StatusChangedCounts(string scrape) => Regex
        .Matches(scrape, """^metaaccess_api_requests_total\{account="acme",endpoint="status_changed",code="([^"]+)"\} (\d+)$""",
            RegexOptions.Multiline)
        .Select(m => (Code: m.Groups[1].Value, Count: long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
        .Where(c => c.Count > 0) // the usual codes are listed at 0 from the start
        .ToDictionary(c => c.Code, c => c.Count);

    private void ServeFleet(params string[] ids) =>
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithBody(PageJson.OfIds(ids)));
}
