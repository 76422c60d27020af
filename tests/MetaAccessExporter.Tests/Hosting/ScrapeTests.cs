using System.Net;
using MetaAccessExporter.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Hosting;

/// <summary>The exporter as users scrape it: polling a WireMock fleet, asserting the exact exposition.</summary>
public sealed class ScrapeTests : IDisposable
{
    private const string Page = "/o/api/v3/devices/status_changed";
    private readonly WireMockServer _api = WireMockServer.Start();

    private const string Fleet = """
        {"monitored_devices":[
          {"device_id":"D1","status":"Compliant","severity":"none","group_name":"Finance","device_name":"fin-01","device_type":"desktop",
           "agent_version":"7.6.51.0","last_seen":"2026-11-23T11:00:00Z","os_info":{"family":"Windows"},
           "issue":{"total_issue":1,"total_critical_issue":0,"total_warning_issue":1},},
          {"device_id":"D2","status":"non-compliant","severity":"Critical","group_name":" HQ \"Main\" Office ","device_name":"C:\\pc\nnew",
           "device_type":"laptop","agent_version":"7.6.50.0","last_seen":"2026-10-01T00:00:00Z","os_info":{"family":"macOS"},
           "issue":{"total_issues":9,"total_critical_issues":3,"total_warning_issues":6}},
          {"device_id":"D3","status":"non-compliant","severity":"critical","group_name":"Zürich 東京","device_name":"<private>",
           "device_type":"desktop","agent_version":"7.6.51.0","last_seen":"2026-11-20T00:00:00Z","os_info":{"family":"Linux"},
           "issue":{"total_issue":2,"total_critical_issue":1,"total_warning_issue":1}},
          {"device_id":"D4","status":"","group_name":"","last_seen":"not a date"}
        ],"deleted_devices":[{"device_id":"GONE"}]}
        """;

    [Fact]
    public async Task Metrics_shows_the_fleet_aggregates_with_contract_labels_and_escaping()
    {
        Serve(Fleet);
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();

        var scrape = await client.GetStringAsync("/metrics");

        Exposition.Family(scrape, "metaaccess_devices").Should().Be("""
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            metaaccess_devices{account="acme",group="Finance",status="compliant",severity="none"} 1
            metaaccess_devices{account="acme",group="HQ \"Main\" Office",status="non_compliant",severity="critical"} 1
            metaaccess_devices{account="acme",group="Zürich 東京",status="non_compliant",severity="critical"} 1
            metaaccess_devices{account="acme",group="unassigned",status="unknown",severity="unknown"} 1

            """.ReplaceLineEndings("\n"));
        Exposition.Family(scrape, "metaaccess_critical_issues").Should().Be("""
            # HELP metaaccess_critical_issues Sum of the devices' total critical issues, by group.
            # TYPE metaaccess_critical_issues gauge
            metaaccess_critical_issues{account="acme",group="Finance"} 0
            metaaccess_critical_issues{account="acme",group="HQ \"Main\" Office"} 3
            metaaccess_critical_issues{account="acme",group="Zürich 東京"} 1
            metaaccess_critical_issues{account="acme",group="unassigned"} 0

            """.ReplaceLineEndings("\n"));
        Exposition.Family(scrape, "metaaccess_issues").Should().Contain("metaaccess_issues{account=\"acme\",group=\"HQ \\\"Main\\\" Office\"} 9\n");
        Exposition.Family(scrape, "metaaccess_warning_issues").Should().Contain("metaaccess_warning_issues{account=\"acme\",group=\"Finance\"} 1\n");
        Exposition.Family(scrape, "metaaccess_devices_with_critical_issues").Should().Contain("metaaccess_devices_with_critical_issues{account=\"acme\",group=\"Zürich 東京\"} 1\n");
        Exposition.Family(scrape, "metaaccess_devices_stale").Should().Contain("metaaccess_devices_stale{account=\"acme\",group=\"HQ \\\"Main\\\" Office\",older_than=\"30d\"} 1\n");
        scrape.Should().Contain("metaaccess_up{account=\"acme\"} 1\n")
            .And.Contain("metaaccess_sync_gap{account=\"acme\"} 0\n")
            .And.Contain("metaaccess_poll_cycles_total{account=\"acme\",result=\"success\"}")
            .And.Contain("metaaccess_api_requests_total{account=\"acme\",endpoint=\"status_changed\",code=\"200\"}")
            .And.MatchRegex("metaaccess_exporter_build_info\\{version=\"[^\"]+\",revision=\"[^\"]+\"\\} 1\n")
            .And.MatchRegex("metaaccess_sync_watermark_timestamp_seconds\\{account=\"acme\"\\} \\d+")
            .And.MatchRegex("metaaccess_last_successful_sync_timestamp_seconds\\{account=\"acme\"\\} \\d+")
            .And.NotContain("SECRET-TOKEN-123");
    }

    [Fact]
    public async Task Metrics_devices_shows_one_set_of_series_per_device_and_drops_a_deleted_one()
    {
        Serve(Fleet);
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();

        var scrape = await client.GetStringAsync("/metrics/devices");
        Exposition.Family(scrape, "metaaccess_device_info").Should().Contain(
            "metaaccess_device_info{account=\"acme\",device_id=\"D2\",device_name=\"C:\\\\pc\\nnew\",group=\"HQ \\\"Main\\\" Office\",device_type=\"laptop\",os_family=\"macOS\",agent_version=\"7.6.50.0\"} 1\n");
        Exposition.Family(scrape, "metaaccess_device_status").Should().Contain("metaaccess_device_status{account=\"acme\",device_id=\"D3\",status=\"non_compliant\",severity=\"critical\"} 1\n");
        Exposition.Family(scrape, "metaaccess_device_critical_issues").Should().Contain("metaaccess_device_critical_issues{account=\"acme\",device_id=\"D2\"} 3\n");
        Exposition.Family(scrape, "metaaccess_device_last_seen_timestamp_seconds").Should().Contain("metaaccess_device_last_seen_timestamp_seconds{account=\"acme\",device_id=\"D1\"} 1795431600\n")
            .And.NotContain("device_id=\"D4\"", "a last_seen that is not a date is unknown, not zero");

        Serve("""{"monitored_devices":[],"deleted_devices":[{"device_id":"D2"}]}""");
        await Eventually.Async(async () => !(await client.GetStringAsync("/metrics/devices")).Contains("\"D2\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the deleted device's series should vanish after the next poll");
        var fleet = await client.GetStringAsync("/metrics");
        fleet.Should().NotContain("HQ \\\"Main\\\" Office", "its group had no other device, so every combination with it fell to zero");
    }

    [Fact]
    public async Task OpenMetrics_is_served_when_asked_for()
    {
        Serve(Fleet);
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/openmetrics-text");
        body.Should().EndWith("# EOF\n").And.Contain("# TYPE metaaccess_api_requests counter\n");
    }

    [Fact]
    public async Task Readyz_is_503_until_a_sync_completes_while_healthz_is_200()
    {
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithStatusCode(500));
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = exporter.CreateClient();

        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        await Eventually.Async(async () => (await client.GetStringAsync("/metrics")).Contains("result=\"failure\"} 1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the failed cycle should be counted");
        var scrape = await client.GetStringAsync("/metrics");
        scrape.Should().Contain("metaaccess_up{account=\"acme\"} 0\n").And.Contain("endpoint=\"status_changed\",code=\"500\"");
    }

    [Fact]
    public async Task The_landing_page_shows_sync_state_and_budget_without_secrets()
    {
        Serve(Fleet);
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();

        var page = await client.GetStringAsync("/");

        page.Should().Contain("Devices in the model").And.Contain("API budget").And.Contain("/metrics/devices").And.NotContain("SECRET-TOKEN-123");
    }

    public void Dispose() => _api.Stop();

    private void Serve(string body)
    {
        _api.Reset();
        _api.Given(Request.Create().WithPath(Page).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(body));
    }
}
