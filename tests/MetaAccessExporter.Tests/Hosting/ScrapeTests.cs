using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Faults;
using MetaAccessExporter.TestSupport.Pages;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Hosting;

/// <summary>The exporter as users scrape it: polling a WireMock fleet, asserting the exact exposition.</summary>
public sealed class ScrapeTests : IDisposable
{
    private const string Page = PageJson.Path;
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly CancellationTokenSource _release = new();

    private static readonly string Fleet = PageJson.Of(
    [
        // As the vendor's examples write a device: a trailing comma and all.
        """
        {"device_id":"D1","status":"Compliant","severity":"none","group_name":"Finance","device_name":"fin-01","device_type":"desktop",
         "agent_version":"7.6.51.0","last_seen":"2026-11-23T11:00:00Z","os_info":{"family":"Windows"},
         "issue":{"total_issue":1,"total_critical_issue":0,"total_warning_issue":1},}
        """,
        PageJson.Device("D2", "non-compliant", "Critical", " HQ \"Main\" Office ", "C:\\pc\nnew", "laptop", "7.6.50.0",
            "2026-10-01T00:00:00Z", "macOS", new Issues(9, 3, 6, FieldTableSpelling: true)),
        PageJson.Device("D3", "non-compliant", "critical", "Zürich 東京", "<private>", "desktop", "7.6.51.0",
            "2026-11-20T00:00:00Z", "Linux", new Issues(2, 1, 1)),
        PageJson.Device("D4", status: "", severity: null, group: "", lastSeen: "not a date"),
    ], deletedIds: ["GONE"]);

    /// <summary>The tags the landing page writes itself; any other tag on it came from a value.</summary>
    private static readonly string[] LandingPageTags =
        ["!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "p", "strong", "table", "tr", "td", "ul", "li", "a"];

    [Fact]
    public async Task Metrics_shows_the_fleet_aggregates_with_contract_labels_and_escaping()
    {
        Serve(Fleet);
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();
        await Eventually.Async(async () => (await client.GetStringAsync("/metrics")).Contains("metaaccess_sync_gap{account=\"acme\"} 0\n"),
            TimeSpan.FromSeconds(30), "an inventory pass to list the fleet and close the gap");

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
        Exposition.Family(scrape, "metaaccess_issues")
            .Should().Contain("""metaaccess_issues{account="acme",group="HQ \"Main\" Office"} 9""" + "\n");
        Exposition.Family(scrape, "metaaccess_warning_issues")
            .Should().Contain("""metaaccess_warning_issues{account="acme",group="Finance"} 1""" + "\n");
        Exposition.Family(scrape, "metaaccess_devices_with_critical_issues")
            .Should().Contain("""metaaccess_devices_with_critical_issues{account="acme",group="Zürich 東京"} 1""" + "\n");
        Exposition.Family(scrape, "metaaccess_devices_stale")
            .Should().Contain("""metaaccess_devices_stale{account="acme",group="HQ \"Main\" Office",older_than="30d"} 1""" + "\n");
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
    public async Task Past_Exporter_MaxLabelValues_groups_fold_into_other_on_metrics_but_every_device_keeps_its_group()
    {
        Serve(Fleet);
        var settings = ExporterFactory.Settings(_api.Url!);
        settings["Exporter:MaxLabelValues"] = "3";
        await using var exporter = new ExporterFactory(settings);
        var client = await exporter.ReadyClientAsync();
        await Eventually.Async(async () => (await client.GetStringAsync("/metrics")).Contains("metaaccess_sync_gap{account=\"acme\"} 0\n"),
            TimeSpan.FromSeconds(30), "an inventory pass to list the fleet and close the gap");

        var scrape = await client.GetStringAsync("/metrics");

        Exposition.Family(scrape, "metaaccess_critical_issues").Should().Be("""
            # HELP metaaccess_critical_issues Sum of the devices' total critical issues, by group.
            # TYPE metaaccess_critical_issues gauge
            metaaccess_critical_issues{account="acme",group="Finance"} 0
            metaaccess_critical_issues{account="acme",group="HQ \"Main\" Office"} 3
            metaaccess_critical_issues{account="acme",group="other"} 1

            """.ReplaceLineEndings("\n"));
        scrape.Should().Contain("metaaccess_label_values_folded{account=\"acme\",label=\"group\"} 2\n")
            .And.Contain("metaaccess_label_values{account=\"acme\",label=\"group\"} 4\n")
            .And.Contain("metaaccess_label_values_limit{account=\"acme\"} 3\n");
        Exposition.Family(await client.GetStringAsync("/metrics/devices"), "metaaccess_device_info")
            .Should().Contain("group=\"Zürich 東京\"", "one series a device whatever its group: the cap does not apply there");
    }

    [Fact]
    public async Task Metrics_devices_shows_one_set_of_series_per_device_and_drops_a_deleted_one()
    {
        Serve(Fleet);
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();

        var scrape = await client.GetStringAsync("/metrics/devices");
        Exposition.Family(scrape, "metaaccess_device_info").Should().Contain(
            """metaaccess_device_info{account="acme",device_id="D2",device_name="C:\\pc\nnew",group="HQ \"Main\" Office","""
            + """device_type="laptop",os_family="macOS",agent_version="7.6.50.0"} 1""" + "\n");
        Exposition.Family(scrape, "metaaccess_device_status")
            .Should().Contain("""metaaccess_device_status{account="acme",device_id="D3",status="non_compliant",severity="critical"} 1"""
                + "\n");
        Exposition.Family(scrape, "metaaccess_device_critical_issues")
            .Should().Contain("""metaaccess_device_critical_issues{account="acme",device_id="D2"} 3""" + "\n");
        Exposition.Family(scrape, "metaaccess_device_last_seen_timestamp_seconds")
            .Should().Contain("""metaaccess_device_last_seen_timestamp_seconds{account="acme",device_id="D1"} 1795431600""" + "\n")
            .And.NotContain("device_id=\"D4\"", "a last_seen that is not a date is unknown, not zero");

        Serve(PageJson.Of([], deletedIds: ["D2"]));
        await Eventually.Async(async () => !(await client.GetStringAsync("/metrics/devices")).Contains("\"D2\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the deleted device's series should vanish after the next poll");
        var fleet = await client.GetStringAsync("/metrics");
        fleet.Should().NotContain("HQ \\\"Main\\\" Office", "its group had no other device, so every combination with it fell to zero");
    }

    [Fact]
    public async Task Devices_are_sent_gzipped_with_their_length_to_a_scraper_that_takes_gzip_and_plain_to_one_that_refuses_it()
    {
        Serve(Fleet);
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();
        var plain = await client.GetStringAsync("/metrics/devices");

        using var gzipped = await ScrapeAsync(client, "gzip");
        using var refused = await ScrapeAsync(client, "gzip;q=0, identity");

        gzipped.Content.Headers.ContentEncoding.Should().Equal("gzip");
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        gzipped.Content.Headers.ContentLength.Should().Be(compressed.Length);
        using (var inflated = new StreamReader(new System.IO.Compression.GZipStream(new MemoryStream(compressed),
            System.IO.Compression.CompressionMode.Decompress)))
            (await inflated.ReadToEndAsync()).Should().Be(plain).And.Contain("device_id=\"D2\"");
        gzipped.Headers.Vary.Should().Contain("Accept-Encoding");
        refused.Content.Headers.ContentEncoding.Should().BeEmpty();
        (await refused.Content.ReadAsStringAsync()).Should().Be(plain);
        using var fleet = await ScrapeAsync(client, "gzip", "/metrics");
        fleet.Content.Headers.ContentEncoding.Should().Equal(["gzip"], "the middleware still compresses every other answer");
    }

    private static async Task<HttpResponseMessage> ScrapeAsync(HttpClient client, string acceptEncoding, string path = "/metrics/devices")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Every_get_endpoint_answers_head_and_devices_give_their_length()
    {
        Serve(Fleet);
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();
        var plain = await client.GetByteArrayAsync("/metrics/devices");

        foreach (var path in new[] { "/", "/metrics", "/metrics/devices", "/metrics/telemetry", "/healthz", "/readyz" })
        {
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            head.StatusCode.Should().Be(HttpStatusCode.OK, $"HEAD {path} is answered as GET is, not 405");
        }
        using var devices = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/metrics/devices"));
        devices.Content.Headers.ContentLength.Should().Be(plain.Length);
        (await devices.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
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
        await Eventually.Async(
            async () => (await client.GetStringAsync("/metrics")).Contains("result=\"failure\"} 1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the failed cycle should be counted");
        var scrape = await client.GetStringAsync("/metrics");
        scrape.Should().Contain("metaaccess_up{account=\"acme\"} 0\n").And.Contain("endpoint=\"status_changed\",code=\"500\"");
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a failed cycle is no completed sync");
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK, "a failing API does not make the exporter unhealthy");
    }

    [Fact]
    public async Task The_landing_page_shows_sync_state_and_budget_without_secrets()
    {
        // Every value a user controls that could reach the page carries markup, quotes and ampersands: the account,
        // the API URL (with a token in its query), group and device names, and through the URL the last error.
        const string account = "acme <script>alert('account')</script> & \"co\"";
        var baseUrl = $"http://127.0.0.1:{new Uri(_api.Url!).Port}/<b>\"'&/?access_token=URL-TOKEN-9c1e&x=<i>";
        var atAnyBase = Request.Create().WithPath(path => path.EndsWith(Page, StringComparison.Ordinal));
        _api.Given(atAnyBase).RespondWith(Response.Create().WithBody(PageJson.Of(
        [
            PageJson.Device("D1", group: "<script>alert('group')</script> & \"g\"", name: "<img src=x onerror=alert('device')>"),
            PageJson.Device("D2", group: "Finance", name: "\"><svg onload=alert('name')>"),
        ])));
        var settings = ExporterFactory.Settings(baseUrl);
        settings["MetaAccess:Account"] = account;
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        await using var exporter = new ExporterFactory(settings, services: s => s.AddSingleton<TimeProvider>(clock));
        var client = await exporter.ReadyClientAsync();

        var page = await client.GetStringAsync("/");

        page.Should().Contain("Devices in the model").And.Contain("API budget").And.Contain("/metrics/devices")
            .And.Contain("href=\"metrics/telemetry\"")
            .And.NotContain("SECRET-TOKEN-123");
        Cell(page, "Account").Should().Be(WebUtility.HtmlEncode(account));
        Cell(page, "Devices in the model").Should().Be("2");
        Cell(page, "API").Should().Contain("/&lt;b&gt;&quot;&#39;&amp;/?access_token=REDACTED&amp;x=&lt;i&gt;")
            .And.NotContain("URL-TOKEN-9c1e");
        Tags(page).Should().BeSubsetOf(LandingPageTags, "no value is written to the page as markup");

        // The API now stalls: the request times out, and the error names its URL, with the same markup in its path.
        _api.Reset();
        _api.Given(atAnyBase).RespondWith(FaultCatalog.Answer(FaultCatalog.Timeout, _release.Token));
        await Eventually.Async(async () =>
        {
            page = await client.GetStringAsync("/");
            if (Cell(page, "Last error")?.Contains(Page, StringComparison.Ordinal) == true)
                return true;
            await clock.StepAsync(TimeSpan.FromSeconds(1), stalledServer: true);
            return false;
        }, TimeSpan.FromSeconds(30), "the landing page should show the timed-out request as the last error");

        Cell(page, "Sync").Should().Be("down (serving the last known model)");
        Cell(page, "Last error").Should().Contain($"/&lt;b&gt;&quot;&#39;&amp;{Page}?access_token=REDACTED")
            .And.NotContain("SECRET-TOKEN-123").And.NotContain("URL-TOKEN-9c1e");
        Cell(page, "Account").Should().Be(WebUtility.HtmlEncode(account));
        Tags(page).Should().BeSubsetOf(LandingPageTags, "no value is written to the page as markup");
    }

    public void Dispose()
    {
        _release.Cancel();
        _api.Stop();
        _release.Dispose();
    }

    /// <summary>The value cell of the landing page's row <paramref name="name"/>, as served (still HTML-encoded).</summary>
    private static string? Cell(string page, string name)
    {
        var row = Regex.Match(page, $"<tr><td>{Regex.Escape(name)}</td><td>(.*?)</td></tr>");
        return row.Success ? row.Groups[1].Value : null;
    }

    /// <summary>The names of every tag on the page.</summary>
    private static IEnumerable<string> Tags(string page) =>
        Regex.Matches(page, "</?([!A-Za-z][A-Za-z0-9]*)").Select(m => m.Groups[1].Value).Distinct();

    /// <summary>Serves <paramref name="body"/> as every delta page, and its monitored devices as the whole inventory.</summary>
    private void Serve(string body)
    {
        _api.Reset();
        _api.Given(Request.Create().WithPath(Page).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(body));
        var monitored = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true })
            .RootElement.GetProperty("monitored_devices").EnumerateArray().Select(d => d.GetRawText());
        _api.Given(Request.Create().WithPath(InventoryJson.Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(InventoryJson.Of(monitored, nextToken: "")));
    }
}
