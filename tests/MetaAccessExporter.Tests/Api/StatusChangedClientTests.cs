using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MetaAccessExporter.Api;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Faults;
using MetaAccessExporter.TestSupport.Pages;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Api;

/// <summary>
/// The delta feed's client over real HTTP, on a fake clock: no request times out unless the clock is moved
/// past its deadline on purpose, and a pause is exactly as long as the API asked for.
/// </summary>
public sealed class StatusChangedClientTests : IDisposable
{
    private const string Path = PageJson.Path;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeClock _time = new(T0);
    private readonly CancellationTokenSource _release = new();
    private readonly ApiHarness _api;

    public StatusChangedClientTests() => _api = new ApiHarness(_server.Url!, time: _time);

    [Fact]
    public async Task Reads_the_vendors_own_example_with_its_trailing_commas()
    {
        Answer(200, SeedExamples.VerboseOffPage);

        var page = await _api.StatusChanged.GetPageAsync(T0.AddSeconds(-3600), 1, 20, CancellationToken.None);

        var device = page!.Monitored.Single();
        device.DeviceId.Should().Be("SGN56789");
        device.Status.Should().Be("compliant");
        device.Issue!.Total.Should().Be(10);
        device.Issue.Critical.Should().Be(3);
        device.Issue.Warning.Should().Be(7);
        page.DeletedIds.Single().Should().Be("SGN012345");
        page.Entries.Should().Be(2);
    }

    [Fact]
    public async Task Accepts_the_field_tables_spelling_of_issue_counts()
    {
        // The critical count as a string, as some answers carry it.
        Answer(200, PageJson.Of(["""{"device_id":"X","issue":{"total_issues":4,"total_critical_issues":"1","total_warning_issues":3}}"""]));

        var page = await _api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None);

        var issue = page!.Monitored.Single().Issue!;
        (issue.Total, issue.Critical, issue.Warning).Should().Be((4, 1, 3));
    }

    [Fact]
    public async Task Sends_age_page_limit_and_verbose_with_the_token_in_the_query()
    {
        Answer(200, PageJson.Empty);

        await _api.StatusChanged.GetPageAsync(T0.AddSeconds(-3600), 2, 50, CancellationToken.None);

        var request = _server.LogEntries.Single().RequestMessage;
        request.Method.Should().Be("POST");
        request.Query!["access_token"].Should().Equal("SECRET-TOKEN-123");
        request.Body.Should().Be("""{"age":3600,"page":2,"limit":50,"verbose":1}""");
    }

    [Fact]
    public async Task Page_413_ends_the_walk_rather_than_failing()
    {
        (await AnswerAndRead(413, "")).Should().BeNull();

        _api.Stats.Requests.Counted().Should().Equal((ApiEndpoint.StatusChanged, "413", 1L));
        _api.Stats.InvalidResponses.Counted().Should().BeEmpty();
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(406)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task An_error_status_fails_the_request_and_is_counted_by_code(int status)
    {
        var failure = await FluentActions.Awaiting(() => AnswerAndRead(status, "{\"error\":\"x\"}"))
            .Should().ThrowAsync<MetaAccessApiException>();

        var code = status.ToString(CultureInfo.InvariantCulture);
        failure.Which.Code.Should().Be(code);
        failure.Which.Message.Should().Contain(code).And.NotContain("SECRET-TOKEN-123");
        // A fixed MetaAccess:AccessToken cannot be renewed, so a 401 is not sent again either: it would only waste a slot.
        _server.LogEntries.Should().HaveCount(1, "nothing retries an error answer, a 401 with a fixed token included");
        _api.Stats.Requests.Counted().Should().Equal([(ApiEndpoint.StatusChanged, code, 1L)], "the one call is counted once, by its code");
        _api.Stats.InvalidResponses.Counted().Should().BeEmpty();
        _api.Budget.Used.Should().Be(1);
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{\"monitored_devices\": [{\"device_id\": \"A\"")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"monitored_devices\": {\"device_id\": \"A\"}}")]
    [InlineData("{\"monitored_devices\": [], \"deleted_devices\": \"A\"}")]
    public async Task A_body_that_is_not_the_expected_json_fails_the_request_and_is_counted_as_invalid(string body)
    {
        var failure = await FluentActions.Awaiting(() => AnswerAndRead(200, body)).Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("invalid");
        _api.Stats.InvalidResponses.Counted().Single().Should().Be((ApiEndpoint.StatusChanged, 1L));
        _api.Stats.Requests.Counted().Should().Equal([(ApiEndpoint.StatusChanged, "200", 1L)], "the call itself was answered 200");
    }

    [Fact]
    public async Task A_page_far_larger_than_asked_for_is_refused()
    {
        var page = PageJson.OfIds(Enumerable.Range(0, 60).Select(i => $"D{i}").ToArray());

        var failure = await FluentActions.Awaiting(() => AnswerAndRead(200, page, limit: 50)).Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("invalid");
        _api.Stats.InvalidResponses.Counted().Single().Should().Be((ApiEndpoint.StatusChanged, 1L));
    }

    [Fact]
    public async Task A_429_with_retry_after_pauses_the_whole_budget_for_that_long()
    {
        _server.Given(Request.Create().WithPath(Path)).RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "17"));

        await FluentActions.Awaiting(() => _api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        _api.Stats.Throttled.Should().Be(1);
        _api.Budget.PausedUntil.Should().Be(T0.AddSeconds(17));
        _api.Requests(ApiEndpoint.StatusChanged, "429").Should().Be(1);
        _server.LogEntries.Should().HaveCount(1, "nothing may retry behind the budget's back");
    }

    [Fact]
    public async Task A_429_without_retry_after_pauses_the_budget_for_a_minute()
    {
        await FluentActions.Awaiting(() => AnswerAndRead(429, "")).Should().ThrowAsync<MetaAccessApiException>();

        _api.Budget.PausedUntil.Should().Be(T0.AddSeconds(60));
        _api.Stats.Throttled.Should().Be(1);
    }

    [Fact]
    public async Task A_request_with_no_answer_in_time_fails_as_a_timeout()
    {
        _server.Given(Request.Create().WithPath(Path)).RespondWith(FaultCatalog.Answer(FaultCatalog.Timeout, _release.Token));

        var call = _api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None);
        await _time.UntilInFlightAsync();
        _time.Advance(_api.Options.RequestTimeout - TimeSpan.FromMilliseconds(1));
        call.IsCompleted.Should().BeFalse("the request timeout has not passed yet");
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var failure = await FluentActions.Awaiting(() => call).Should().ThrowAsync<MetaAccessApiException>();
        failure.Which.Code.Should().Be("timeout");
        failure.Which.Message.Should().NotContain("SECRET-TOKEN-123");
        _api.Stats.Requests.Counted().Should().Equal([(ApiEndpoint.StatusChanged, "timeout", 1L)]);
    }

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_fails_as_a_timeout()
    {
        using var stalling = new TcpListener(IPAddress.Loopback, 0);
        stalling.Start();
        var port = ((IPEndPoint)stalling.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await stalling.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[8192]); // the request; its content does not matter here
            await stream.WriteAsync(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"monitored_devices\":["u8.ToArray());
            await Task.Delay(Timeout.Infinite, _release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var headers = new HeadersReceived(port);
        using var api = new ApiHarness($"http://127.0.0.1:{port}", time: _time);

        var call = api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None);
        await headers.Task.WaitAsync(TimeSpan.FromSeconds(60));
        call.IsCompleted.Should().BeFalse("the headers are in, the body is not");
        _time.Advance(api.Options.RequestTimeout);

        var failure = await FluentActions.Awaiting(() => call).Should().ThrowAsync<MetaAccessApiException>();
        failure.Which.Code.Should().Be("timeout");
        api.Stats.Requests.Counted().Should().Equal([(ApiEndpoint.StatusChanged, "timeout", 1L)], "a body that never ends is no answer");
        _release.Cancel();
        await server;
    }

    [Fact]
    public async Task A_body_far_beyond_any_page_is_refused_without_reading_it_all()
    {
        Answer(200, "{\"monitored_devices\":[\"" + new string('x', 17 * 1024 * 1024) + "\"]}");

        var failure = await FluentActions.Awaiting(() => _api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("error");
        _api.Stats.Requests.Counted().Should()
            .Equal([(ApiEndpoint.StatusChanged, "error", 1L)], "a body the exporter refuses to read is no answer");
        _api.Stats.InvalidResponses.Counted().Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_connection_fails_as_an_error_without_the_token_in_the_message()
    {
        using var api = new ApiHarness($"http://127.0.0.1:{FreePort.Next()}", time: _time);

        var failure = await FluentActions.Awaiting(() => api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("error");
        failure.Which.ToString().Should().NotContain("SECRET-TOKEN-123");
        api.Requests(ApiEndpoint.StatusChanged, "error").Should().Be(1);
    }

    public void Dispose()
    {
        _release.Cancel();
        _api.Dispose();
        _server.Stop();
        _release.Dispose();
    }

    private void Answer(int status, string body) =>
        _server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody(body));

    private Task<DeltaPage?> AnswerAndRead(int status, string body, int limit = 50)
    {
        Answer(status, body);
        return _api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, limit, CancellationToken.None);
    }

    /// <summary>
    /// Completes when the client has the response headers of a request to <c>127.0.0.1:port</c>: HttpClient records
    /// <c>http.client.request.duration</c> then, before any of the body is read.
    /// </summary>
    private sealed class HeadersReceived : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeadersReceived(int port)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "server.port" && Convert.ToInt32(tag.Value, CultureInfo.InvariantCulture) == port)
                        _received.TrySetResult();
                }
            });
            _listener.Start();
        }

        public Task Task => _received.Task;

        public void Dispose() => _listener.Dispose();
    }
}
