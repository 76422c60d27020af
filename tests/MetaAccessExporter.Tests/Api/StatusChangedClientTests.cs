using MetaAccessExporter.Api;
using MetaAccessExporter.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Api;

public sealed class StatusChangedClientTests : IDisposable
{
    private const string Path = "/o/api/v3/devices/status_changed";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ApiHarness _api;

    public StatusChangedClientTests() => _api = new ApiHarness(_server.Url!);

    [Fact]
    public async Task Reads_the_vendors_own_example_with_its_trailing_commas()
    {
        Answer(200, SeedExamples.VerboseOffPage);

        var page = await _api.StatusChanged.GetPageAsync(3600, 1, 20, CancellationToken.None);

        var device = page!.MonitoredDevices!.Single();
        device.DeviceId.Should().Be("SGN56789");
        device.Status.Should().Be("compliant");
        device.Issue!.Total.Should().Be(10);
        device.Issue.Critical.Should().Be(3);
        device.Issue.Warning.Should().Be(7);
        page.DeletedDevices!.Single().DeviceId.Should().Be("SGN012345");
    }

    [Fact]
    public async Task Accepts_the_field_tables_spelling_of_issue_counts()
    {
        Answer(200, """{"monitored_devices":[{"device_id":"X","issue":{"total_issues":4,"total_critical_issues":"1","total_warning_issues":3}}],"deleted_devices":[]}""");

        var page = await _api.StatusChanged.GetPageAsync(60, 1, 50, CancellationToken.None);

        var issue = page!.MonitoredDevices!.Single().Issue!;
        (issue.Total, issue.Critical, issue.Warning).Should().Be((4, 1, 3));
    }

    [Fact]
    public async Task Sends_age_page_limit_and_verbose_with_the_token_in_the_query()
    {
        Answer(200, """{ "monitored_devices": [], "deleted_devices": [] }""");

        await _api.StatusChanged.GetPageAsync(3600, 2, 50, CancellationToken.None);

        var request = _server.LogEntries.Single().RequestMessage;
        request.Method.Should().Be("POST");
        request.Query!["access_token"].Should().Equal("SECRET-TOKEN-123");
        request.Body.Should().Be("""{"age":3600,"page":2,"limit":50,"verbose":1}""");
    }

    [Fact]
    public async Task Page_413_ends_the_walk_rather_than_failing() =>
        (await AnswerAndRead(413, "")).Should().BeNull();

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
        var failure = await FluentActions.Awaiting(() => AnswerAndRead(status, "{\"error\":\"x\"}")).Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        failure.Which.Message.Should().NotContain("SECRET-TOKEN-123");
        _api.Requests(ApiEndpoint.StatusChanged, failure.Which.Code).Should().Be(status == 401 ? 1 : 1);
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{\"monitored_devices\": [{\"device_id\": \"A\"")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"monitored_devices\": [{\"status\": \"compliant\"}]}")]
    public async Task A_body_that_is_not_the_expected_json_fails_the_request_and_is_counted_as_invalid(string body)
    {
        var failure = await FluentActions.Awaiting(() => AnswerAndRead(200, body)).Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("invalid");
        _api.Stats.InvalidResponses.Single().Should().Be((ApiEndpoint.StatusChanged, 1L));
    }

    [Fact]
    public async Task A_page_far_larger_than_asked_for_is_refused()
    {
        var devices = string.Join(",", Enumerable.Range(0, 60).Select(i => $"{{\"device_id\":\"D{i}\"}}"));

        var failure = await FluentActions.Awaiting(() => AnswerAndRead(200, $"{{\"monitored_devices\":[{devices}],\"deleted_devices\":[]}}", limit: 50))
            .Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("invalid");
    }

    [Fact]
    public async Task A_429_with_retry_after_pauses_the_whole_budget_for_that_long()
    {
        _server.Given(Request.Create().WithPath(Path)).RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "17"));
        var before = DateTimeOffset.UtcNow;

        await FluentActions.Awaiting(() => _api.StatusChanged.GetPageAsync(60, 1, 50, CancellationToken.None)).Should().ThrowAsync<MetaAccessApiException>();

        _api.Stats.Throttled.Should().Be(1);
        _api.Budget.PausedUntil.Should().BeCloseTo(before.AddSeconds(17), TimeSpan.FromSeconds(3));
        _api.Requests(ApiEndpoint.StatusChanged, "429").Should().Be(1);
        _server.LogEntries.Should().HaveCount(1, "nothing may retry behind the budget's back");
    }

    [Fact]
    public async Task A_429_without_retry_after_pauses_the_budget_for_a_minute()
    {
        var before = DateTimeOffset.UtcNow;

        await FluentActions.Awaiting(() => AnswerAndRead(429, "")).Should().ThrowAsync<MetaAccessApiException>();

        _api.Budget.PausedUntil.Should().BeCloseTo(before.AddSeconds(60), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_request_with_no_answer_in_time_fails_as_a_timeout()
    {
        using var api = new ApiHarness(_server.Url!, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
        _server.Given(Request.Create().WithPath(Path)).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(2)).WithBody("{}"));

        var failure = await FluentActions.Awaiting(() => api.StatusChanged.GetPageAsync(60, 1, 50, CancellationToken.None)).Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("timeout");
        api.Requests(ApiEndpoint.StatusChanged, "timeout").Should().Be(1);
    }

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_fails_as_a_timeout()
    {
        using var stalling = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        stalling.Start();
        var port = ((System.Net.IPEndPoint)stalling.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await stalling.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[8192]); // the request; its content does not matter here
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"monitored_devices\":["u8.ToArray());
            await Task.Delay(TimeSpan.FromSeconds(5));
        });
        using var api = new ApiHarness($"http://127.0.0.1:{port}", o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));

        var failure = await FluentActions.Awaiting(() => api.StatusChanged.GetPageAsync(60, 1, 50, CancellationToken.None)).Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("timeout");
        api.Requests(ApiEndpoint.StatusChanged, "timeout").Should().Be(1);
    }

    [Fact]
    public async Task A_body_far_beyond_any_page_is_refused_without_reading_it_all()
    {
        Answer(200, "{\"monitored_devices\":[\"" + new string('x', 17 * 1024 * 1024) + "\"]}");

        var failure = await FluentActions.Awaiting(() => _api.StatusChanged.GetPageAsync(60, 1, 50, CancellationToken.None)).Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("error");
    }

    [Fact]
    public async Task A_refused_connection_fails_as_an_error_without_the_token_in_the_message()
    {
        using var api = new ApiHarness($"http://127.0.0.1:{FreePort.Next()}");

        var failure = await FluentActions.Awaiting(() => api.StatusChanged.GetPageAsync(60, 1, 50, CancellationToken.None)).Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("error");
        failure.Which.ToString().Should().NotContain("SECRET-TOKEN-123");
        api.Requests(ApiEndpoint.StatusChanged, "error").Should().Be(1);
    }

    public void Dispose()
    {
        _api.Dispose();
        _server.Stop();
    }

    private void Answer(int status, string body) =>
        _server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody(body));

    private Task<MetaAccessExporter.Api.Dto.StatusChangedPage?> AnswerAndRead(int status, string body, int limit = 50)
    {
        Answer(status, body);
        return _api.StatusChanged.GetPageAsync(60, 1, limit, CancellationToken.None);
    }
}
