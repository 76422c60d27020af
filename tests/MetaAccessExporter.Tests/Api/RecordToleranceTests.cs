using MetaAccessExporter.Api;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Api;

/// <summary>
/// One bad record costs only itself: it is counted in <c>metaaccess_api_invalid_records_total</c>, logged once and
/// skipped, and the rest of its page is used. Only a body that is not the page's JSON at all fails the request.
/// </summary>
public sealed class RecordToleranceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly CapturedLogs _logs = new();
    private readonly ApiHarness _api;

    public RecordToleranceTests() => _api = new ApiHarness(_server.Url!, time: new FakeClock(T0), logs: _logs);

    /// <summary>Each kind of bad record, and the device id its warning names.</summary>
    public static TheoryData<string, string, string> BadRecords => new()
    {
        { "issue is a list", """{"device_id":"B","issue":[]}""", "device B" },
        { "last_seen is a number", """{"device_id":"B","last_seen":17}""", "device B" },
        { "status is an object", """{"device_id":"B","status":{"x":1}}""", "device B" },
        { "an issue count is not a number", """{"device_id":"B","issue":{"total_issue":"many"}}""", "device B" },
        { "no device_id", """{"status":"compliant"}""", "device (no device_id)" },
        { "a blank device_id", """{"device_id":"  ","status":"compliant"}""", "device (no device_id)" },
        { "a numeric device_id", """{"device_id":17}""", "device (no device_id)" },
        { "not an object", "17", "device (no device_id)" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task A_record_of_the_wrong_shape_is_counted_logged_and_skipped_and_the_rest_of_its_page_is_used(
        string kind, string record, string named)
    {
        Answer(PageJson.Of([PageJson.Device("A"), record, PageJson.Device("C")], ["D"]));

        var page = await Read();

        page!.Monitored.Select(d => d.DeviceId).Should().Equal(["A", "C"], $"only the record where {kind} is skipped");
        page.DeletedIds.Should().Equal("D");
        page.Entries.Should().Be(4, "the skipped record still took a place on the page");
        _api.Stats.InvalidRecords.Counted().Should().Equal([(ApiEndpoint.StatusChanged, 1L)]);
        _api.Stats.InvalidResponses.Counted().Should().BeEmpty("the answer itself was usable");
        _logs.Lines.Where(l => l.Contains("skipped the record", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().StartWith("Warning").And.Contain(named).And.Contain("status_changed");
    }

    [Fact]
    public async Task A_page_with_one_bad_record_of_each_kind_applies_the_others_and_counts_each()
    {
        var bad = BadRecords.Select(row => (string)row[1]).ToList();
        string[] deleted = ["E", "F"];
        var body = PageJson.Of([PageJson.Device("A"), .. bad, PageJson.Device("C")], deleted)
            .Replace("\"deleted_devices\":[", "\"deleted_devices\":[{},\"G\",{\"device_id\":null},", StringComparison.Ordinal);
        Answer(body);

        var page = await Read();

        page!.Monitored.Select(d => d.DeviceId).Should().Equal("A", "C");
        page.DeletedIds.Should().Equal("E", "F");
        page.Entries.Should().Be(bad.Count + 2 + 5);
        _api.Stats.InvalidRecords.Counted().Should().Equal([(ApiEndpoint.StatusChanged, (long)bad.Count + 3)]);
        _api.Stats.InvalidResponses.Counted().Should().BeEmpty();
    }

    [Fact]
    public async Task Ids_are_trimmed_and_a_device_both_changed_and_deleted_on_one_page_stays_monitored()
    {
        Answer(PageJson.Of([PageJson.Device(" A "), PageJson.Device("B")], ["A", " C "]));

        var page = await Read();

        page!.Monitored.Select(d => d.DeviceId).Should().Equal("A", "B");
        page.DeletedIds.Should().Equal(["C"], "A is reported live on the same page: deleting it could lose a live device");
        page.Entries.Should().Be(4);
        _api.Stats.InvalidRecords.Counted().Should().BeEmpty();
    }

    [Fact]
    public async Task Each_skipped_record_is_logged_once_however_often_it_comes_back_and_counted_every_time()
    {
        Answer(PageJson.Of([PageJson.Device("A"), """{"device_id":"B","issue":[]}""", """{"device_id":"C","last_seen":17}"""]));

        for (int walk = 0; walk < 3; walk++)
            await Read();

        _api.Stats.InvalidRecords.Counted().Should().Equal([(ApiEndpoint.StatusChanged, 6L)]);
        var warnings = _logs.Lines.Where(l => l.Contains("skipped the record", StringComparison.Ordinal)).ToList();
        warnings.Should().HaveCount(2);
        warnings.Should().ContainSingle(l => l.Contains("device B", StringComparison.Ordinal))
            .Which.Should().Contain("$.issue", "the warning says which field is wrong");
        warnings.Should().ContainSingle(l => l.Contains("device C", StringComparison.Ordinal))
            .Which.Should().Contain("$.last_seen");
    }

    [Fact]
    public void The_memory_of_logged_ids_is_bounded_and_forgets_the_oldest_first()
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(_logs));
        var log = new InvalidRecordLog(factory.CreateLogger<InvalidRecordLog>(), capacity: 2);

        foreach (var id in new[] { "A", "B", "A", "C", "B", "A" })
            log.Skipped(ApiEndpoint.StatusChanged, id, "wrong shape");

        // A and B are remembered; C pushes A out; B is still remembered; A is logged again.
        _logs.Lines.Select(l => l.Split("device ")[1][..1]).Should().Equal("A", "B", "C", "A");
    }

    [Fact]
    public async Task The_counter_is_exposed_per_endpoint()
    {
        Answer(PageJson.Of([PageJson.Device("A"), """{"device_id":"B","issue":[]}""", "{}"]));
        await Read();

        var scrape = Exposition.Render(_api.Get<FleetMetricsRenderer>().WriteTo);

        Exposition.Family(scrape, "metaaccess_api_invalid_records_total").Should().Be("""
            # HELP metaaccess_api_invalid_records_total Device records skipped for a wrong shape or no device_id; the others were used.
            # TYPE metaaccess_api_invalid_records_total counter
            metaaccess_api_invalid_records_total{account="default",endpoint="devices"} 0
            metaaccess_api_invalid_records_total{account="default",endpoint="status_changed"} 2

            """.ReplaceLineEndings("\n"));
    }

    public void Dispose()
    {
        _api.Dispose();
        _server.Stop();
    }

    private void Answer(string body) =>
        _server.Given(Request.Create().WithPath(PageJson.Path).UsingPost()).RespondWith(Response.Create().WithBody(body));

    private Task<DeltaPage?> Read() => _api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None);
}
