using System.Globalization;
using MetaAccessExporter.Api;
using MetaAccessExporter.Budget;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Api;

/// <summary>The inventory's client (Get Devices v3.7) over real HTTP, on a fake clock.</summary>
public sealed class InventoryClientTests : IDisposable
{
    private const string Path = InventoryJson.Path;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeClock _time = new(T0);
    private readonly CapturedLogs _logs = new();
    private readonly ApiHarness _api;

    public InventoryClientTests() => _api = new ApiHarness(_server.Url!, time: _time, logs: _logs);

    [Fact]
    public async Task Asks_for_the_first_page_without_a_token_and_reads_the_inventorys_fields()
    {
        Answer(200, InventoryJson.Of(
        [
            """
            {"device_id":" D1 ","severity":"no_issues","status":"compliant","device_name":"<private>","host_name":"LT-0042",
             "nickname":"Ana's laptop","device_type":"laptop","enrolled_at":"2024-03-01T08:00:00Z","last_seen":"2026-11-23T11:00:00Z",
             "group_name":"Sales","issue":{"total_issues":"2","total_critical_issue":1},}
            """,
        ], nextToken: "c1"));

        var page = await _api.Inventory.GetPageAsync(null, 50, CancellationToken.None);

        var request = _server.LogEntries.Single().RequestMessage;
        request.Method.Should().Be("POST");
        request.Query!["access_token"].Should().Equal("SECRET-TOKEN-123");
        request.Body.Should().Be("""{"limit":50}""", "no token starts from the oldest device");
        var device = page.Devices.Single();
        (device.DeviceId, device.HostName, device.Nickname, device.EnrolledAt).Should()
            .Be(("D1", "LT-0042", "Ana's laptop", "2024-03-01T08:00:00Z"));
        (device.Severity, device.DeviceType, device.GroupName, device.Issue!.Total, device.Issue.Critical).Should()
            .Be(("no_issues", "laptop", "Sales", 2, 1));
        page.NextCursor.Should().Be("c1");
        page.Entries.Should().Be(1);
        _api.Stats.Requests.Counted().Should().Equal([(ApiEndpoint.Devices, "200", 1L)]);
    }

    [Theory]
    [InlineData("c1", """{"token":"c1","limit":20}""")]
    [InlineData("", """{"limit":20}""")]
    public async Task Passes_the_cursor_through_as_the_token(string cursor, string body)
    {
        Answer(200, InventoryJson.OfIds("c2", "A"));

        var page = await _api.Inventory.GetPageAsync(cursor, 20, CancellationToken.None);

        _server.LogEntries.Single().RequestMessage.Body.Should().Be(body);
        page.NextCursor.Should().Be("c2");
    }

    [Theory]
    [InlineData("""{"next_token":"","devices":[{"device_id":"A"}]}""")]
    [InlineData("""{"next_token":"  ","devices":[{"device_id":"A"}]}""")]
    [InlineData("""{"next_token":null,"devices":[{"device_id":"A"}]}""")]
    [InlineData("""{"devices":[{"device_id":"A"}]}""")]
    public async Task An_empty_null_or_absent_next_token_ends_the_list_and_its_page_is_still_read(string body)
    {
        Answer(200, body);

        var page = await _api.Inventory.GetPageAsync("c1", 50, CancellationToken.None);

        page.NextCursor.Should().BeNull();
        page.Devices.Select(d => d.DeviceId).Should().Equal("A");
    }

    [Theory]
    [InlineData("""{"next_token":"c2","devices":[]}""")]
    public async Task An_empty_page_ends_the_list_whatever_its_token_says(string body)
    {
        Answer(200, body);

        var page = await _api.Inventory.GetPageAsync("c1", 50, CancellationToken.None);

        (page.Devices.Count, page.NextCursor, page.Entries).Should().Be((0, (string?)null, 0));
    }

    [Fact]
    public async Task A_token_that_repeats_the_cursor_sent_ends_the_list_rather_than_looping()
    {
        Answer(200, InventoryJson.OfIds("c1", "A", "B"));

        var page = await _api.Inventory.GetPageAsync("c1", 2, CancellationToken.None);

        page.NextCursor.Should().BeNull("a server that repeats itself must not keep us reading the same page");
        page.Devices.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_406_fails_naming_the_page_size_setting()
    {
        Answer(406, """{"error":"limit"}""");

        var failure = await FluentActions.Awaiting(() => _api.Inventory.GetPageAsync(null, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("406");
        failure.Which.Endpoint.Should().Be(ApiEndpoint.Devices);
        failure.Which.Message.Should().Contain("MetaAccess:PageSize must be 1 to 50").And.NotContain("SECRET-TOKEN-123");
        _api.Stats.Requests.Counted().Should().Equal([(ApiEndpoint.Devices, "406", 1L)]);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(413)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task An_error_status_fails_the_request_and_is_counted_by_code(int status)
    {
        Answer(status, """{"error":"x"}""");

        var failure = await FluentActions.Awaiting(() => _api.Inventory.GetPageAsync("c1", 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        var code = status.ToString(CultureInfo.InvariantCulture);
        failure.Which.Code.Should().Be(code);
        _server.LogEntries.Should().HaveCount(1, "nothing retries an error answer");
        _api.Stats.Requests.Counted().Should().Equal([(ApiEndpoint.Devices, code, 1L)]);
        _api.Stats.InvalidResponses.Counted().Should().BeEmpty();
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"next_token":"c2","devices":{"device_id":"A"}}""")]
    [InlineData("""{"next_token":5,"devices":[]}""")]
    [InlineData("""{"next_token":"c2"}""")]
    [InlineData("""{"error":"internal","error_description":"try later"}""")]
    [InlineData("""{"next_token":"c2","devices":[{"device_id":"A"}""")]
    public async Task A_body_that_is_not_the_lists_json_fails_the_request_and_is_counted_as_invalid(string body)
    {
        Answer(200, body);

        var failure = await FluentActions.Awaiting(() => _api.Inventory.GetPageAsync(null, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("invalid");
        _api.Stats.InvalidResponses.Counted().Should().Equal([(ApiEndpoint.Devices, 1L)]);
    }

    [Fact]
    public async Task A_page_larger_than_asked_for_is_refused()
    {
        Answer(200, InventoryJson.OfIds("c2", "A", "B", "C"));

        var failure = await FluentActions.Awaiting(() => _api.Inventory.GetPageAsync(null, 2, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("invalid");
        _api.Stats.InvalidResponses.Counted().Should().Equal([(ApiEndpoint.Devices, 1L)]);
    }

    [Fact]
    public async Task A_malformed_record_is_skipped_counted_and_logged_and_the_walk_goes_on()
    {
        Answer(200, InventoryJson.Of([PageJson.Device("A"), """{"device_id":"B","enrolled_at":17}""", "{}"], nextToken: "c2"));

        var page = await _api.Inventory.GetPageAsync("c1", 50, CancellationToken.None);

        page.Devices.Select(d => d.DeviceId).Should().Equal("A");
        page.NextCursor.Should().Be("c2", "a page with a bad record is no reason to stop the list");
        page.Entries.Should().Be(3);
        _api.Stats.InvalidRecords.Counted().Should().Equal([(ApiEndpoint.Devices, 2L)]);
        _api.Stats.InvalidResponses.Counted().Should().BeEmpty();
        _logs.Lines.Should().ContainSingle(l => l.Contains("skipped the record of device B", StringComparison.Ordinal))
            .Which.Should().Contain("devices").And.Contain("$.enrolled_at");
    }

    [Fact]
    public async Task The_invalid_records_counter_has_a_row_per_endpoint()
    {
        Answer(200, InventoryJson.Of(["{}"], nextToken: "c2"));
        _server.Given(Request.Create().WithPath(PageJson.Path)).RespondWith(Response.Create()
            .WithBody(PageJson.Of([PageJson.Device("A"), """{"device_id":"B","issue":[]}""", """{"device_id":"C","status":{"x":1}}"""])));
        await _api.Inventory.GetPageAsync(null, 50, CancellationToken.None);
        await _api.StatusChanged.GetPageAsync(T0.AddMinutes(-1), 1, 50, CancellationToken.None);

        var scrape = Exposition.Render(_api.Get<FleetMetricsRenderer>().WriteTo);

        Exposition.Family(scrape, "metaaccess_api_invalid_records_total").Should().Be(Exposition.Unwrap("""
            # HELP metaaccess_api_invalid_records_total Device records skipped for a wrong shape or no device_id; the others were used.
            # TYPE metaaccess_api_invalid_records_total counter
            metaaccess_api_invalid_records_total{account="default",endpoint="devices"} 1
            metaaccess_api_invalid_records_total{account="default",endpoint="status_changed"} 2

            """));
    }

    [Fact]
    public async Task An_inventory_call_never_takes_the_last_free_slot_of_the_budget()
    {
        Answer(200, InventoryJson.OfIds(null, "A"));
        using var api = new ApiHarness(_server.Url!, o => o.RequestsPerMinute = 2, _time);
        (await api.Budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None)).Answered();

        var call = api.Inventory.GetPageAsync(null, 50, CancellationToken.None);
        await Task.Delay(50);
        call.IsCompleted.Should().BeFalse("the one free slot is kept for the delta sync");
        _time.Advance(TimeSpan.FromSeconds(61));

        (await call).Devices.Should().HaveCount(1);
        _server.LogEntries.Should().ContainSingle();
    }

    public void Dispose()
    {
        _api.Dispose();
        _server.Stop();
    }

    private void Answer(int status, string body) =>
        _server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody(body));
}
