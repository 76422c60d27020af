using System.Text.RegularExpressions;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Hosting;

/// <summary>
/// The exporter watching itself: the process families on <c>/metrics</c> (prometheus-net), and its HTTP server,
/// its calls to the API and its runtime on <c>/metrics/telemetry</c> (OpenTelemetry), as users scrape them.
/// </summary>
public sealed class SelfMonitoringTests : IDisposable
{
    private const string OpenMetrics = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";
    private readonly WireMockServer _api = WireMockServer.Start();

    public SelfMonitoringTests()
    {
        _api.Given(Request.Create().WithPath(PageJson.Path).UsingPost())
            .RespondWith(Response.Create().WithBody(PageJson.OfIds("D1", "D2")));
        _api.Given(Request.Create().WithPath(InventoryJson.Path).UsingPost())
            .RespondWith(Response.Create().WithBody(InventoryJson.OfIds(nextToken: "", "D1", "D2")));
    }

    [Theory]
    [InlineData(null, "text/plain")]
    [InlineData(OpenMetrics, "application/openmetrics-text")]
    public async Task Metrics_carries_the_process_families_once_each_and_ends_after_them(string? accept, string mediaType)
    {
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();
        await ScrapeAsync(client, "/metrics", accept);

        // The second scrape: an adapter of prometheus-net's default registry would have seen the first request by now.
        using var response = await ScrapeAsync(client, "/metrics", accept);
        var body = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        var families = Regex.Matches(body, "^# TYPE ([^ ]+) ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        families.Should().OnlyHaveUniqueItems("Prometheus rejects a scrape that declares a family twice");
        families.Where(f => !f.StartsWith("metaaccess_", StringComparison.Ordinal)).Should()
            .OnlyContain(f => f.StartsWith("process_", StringComparison.Ordinal) || f.StartsWith("dotnet_", StringComparison.Ordinal),
                "ASP.NET Core's and our own meters belong on /metrics/telemetry and OTLP, not here")
            .And.Contain(f => f.StartsWith("process_cpu_seconds", StringComparison.Ordinal))
            .And.Contain("process_start_time_seconds");
        if (OperatingSystem.IsLinux())
            families.Should().Contain(["process_resident_memory_bytes", "process_open_fds", "process_max_fds"]);
        families.Should().Contain("metaaccess_up").And.Contain("metaaccess_devices");
        if (accept is not null)
        {
            body.Should().EndWith("\n# EOF\n");
            Regex.Matches(body, "^# EOF", RegexOptions.Multiline).Should().HaveCount(1, "nothing may follow the end");
        }
    }

    [Fact]
    public async Task Telemetry_shows_the_http_server_and_the_calls_to_the_api_by_host_and_never_the_token()
    {
        await using var exporter = new ExporterFactory(ExporterFactory.Settings(_api.Url!));
        var client = await exporter.ReadyClientAsync();
        await client.GetStringAsync("/metrics");
        var api = new Uri(_api.Url!);
        string telemetry = "";

        await Eventually.Async(async () =>
        {
            telemetry = await client.GetStringAsync("/metrics/telemetry");
            return Samples(telemetry, "http_server_request_duration_seconds_count").Any(s => s.Contains("http_route=\"/metrics\""));
        }, TimeSpan.FromSeconds(10), "the /metrics request should be counted (answers are cached for 300 ms)");

        Samples(telemetry, "http_client_request_duration_seconds_count").Should().Contain(s =>
            s.Contains($"server_address=\"{api.Host}\"") && s.Contains($"server_port=\"{api.Port}\"")
            && s.Contains("http_request_method=\"POST\"") && s.Contains("http_response_status_code=\"200\""),
            "every call to the API is timed, labelled by host, method and status");
        telemetry.Should().Contain("# TYPE http_client_request_duration_seconds histogram\n")
            .And.Contain("# TYPE dotnet_process_cpu_time_seconds_total counter\n", "the runtime's own meter is served too")
            .And.NotContain("access_token").And.NotContain("SECRET-TOKEN-123", "URLs, where the token travels, are never a label")
            .And.NotContain("metaaccess_", "the exporter's own families are on /metrics, once");
    }

    public void Dispose() => _api.Stop();

    private static async Task<HttpResponseMessage> ScrapeAsync(HttpClient client, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendAsync(request);
    }

    private static IEnumerable<string> Samples(string scrape, string name) =>
        scrape.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal));
}
