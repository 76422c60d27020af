using MetaAccessExporter.Api;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Hosting;

/// <summary>
/// The access token rides in the URL query. Every fault path is driven through the real host with
/// logging at Trace (framework HTTP logging included), and no secret may show anywhere an operator looks.
/// </summary>
public sealed class SecretRedactionTests : IDisposable
{
    private const string Page = "/o/api/v3/devices/status_changed";
    private const string FixedToken = "FIXED-TOKEN-4f1c9a";
    private const string ClientSecret = "CLIENT-SECRET-77e2b0";
    private const string IssuedToken = "ISSUED-TOKEN-d93a11";
    private static readonly string[] Secrets = [FixedToken, ClientSecret, IssuedToken];
    private static readonly string[] FaultsInOrder = ["timeout", "500", "429", "html", "truncated", "oversized", "401", "ok"];
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CapturedLogs _logs = new();

    [Fact]
    public async Task No_fault_with_a_fixed_token_puts_the_token_in_logs_metrics_or_the_landing_page()
    {
        ServeOk();
        await using var exporter = Host(_api.Url!, oauth: false);
        var client = exporter.CreateClient();
        var stats = exporter.Services.GetRequiredService<ApiCallStats>();
        await UntilAsync(() => Count(stats, "200") > 0, "a first good page");

        foreach (var fault in FaultsInOrder)
        {
            long before = CountFor(stats, fault);
            _api.Reset();
            Serve(fault);
            await UntilAsync(() => CountFor(stats, fault) > before, $"the {fault} answer");
        }

        _api.LogEntries.Should().Contain(e => e.RequestMessage.Url.Contains(FixedToken), "the token was on the wire, in the query");
        await AssertNoSecretAsync(client);
    }

    [Fact]
    public async Task No_fault_with_oauth_puts_the_client_secret_or_an_issued_token_anywhere()
    {
        await using var exporter = Host(_api.Url!, oauth: true);
        var client = exporter.CreateClient();
        var stats = exporter.Services.GetRequiredService<ApiCallStats>();

        // The token endpoint refuses the secret, then answers garbage, then issues a token the API refuses, then one it takes.
        _api.Given(Request.Create().WithPath("/o/oauth/token")).RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"error":"invalid_client"}"""));
        await UntilAsync(() => stats.Requests(ApiEndpoint.Token, "401") > 0, "a refused client secret");
        _api.Reset();
        _api.Given(Request.Create().WithPath("/o/oauth/token")).RespondWith(Response.Create().WithBody("<html>login</html>"));
        await UntilAsync(() => stats.Requests(ApiEndpoint.Token, "200") > 0, "a garbage token answer");
        _api.Reset();
        _api.Given(Request.Create().WithPath("/o/oauth/token")).RespondWith(Response.Create().WithBody($$"""{"access_token":"{{IssuedToken}}","expires_in":3600}"""));
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithStatusCode(401));
        await UntilAsync(() => Count(stats, "401") >= 2, "a token refused twice");
        foreach (var fault in FaultsInOrder)
        {
            long before = CountFor(stats, fault);
            _api.ResetMappings();
            _api.Given(Request.Create().WithPath("/o/oauth/token")).RespondWith(Response.Create().WithBody($$"""{"access_token":"{{IssuedToken}}","expires_in":3600}"""));
            Serve(fault);
            await UntilAsync(() => CountFor(stats, fault) > before, $"the {fault} answer");
        }

        _api.LogEntries.Should().Contain(e => e.RequestMessage.Url.Contains(IssuedToken));
        await AssertNoSecretAsync(client);
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("dns")]
    public async Task No_unreachable_api_puts_the_token_anywhere(string how)
    {
        var url = how == "dns" ? "http://metaaccess.invalid" : $"http://127.0.0.1:{FreePort.Next()}";
        await using var exporter = Host(url, oauth: false);
        var client = exporter.CreateClient();
        var stats = exporter.Services.GetRequiredService<ApiCallStats>();

        await UntilAsync(() => Count(stats, "error") + Count(stats, "timeout") >= 2, "two failed connections");

        await AssertNoSecretAsync(client);
    }

    public void Dispose() => _api.Stop();

    private ExporterFactory Host(string url, bool oauth)
    {
        var settings = ExporterFactory.Settings(url);
        settings["MetaAccess:RequestsPerMinute"] = "600";
        settings["MetaAccess:RequestTimeout"] = "00:00:03";
        if (oauth)
        {
            settings["MetaAccess:AccessToken"] = null;
            settings["MetaAccess:ClientId"] = "exporter-client";
            settings["MetaAccess:ClientSecret"] = ClientSecret;
        }
        else
        {
            settings["MetaAccess:AccessToken"] = FixedToken;
        }
        return new ExporterFactory(settings, _logs, services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            // Everything at Trace, the framework's HTTP client categories included: nothing may be filtered away.
            services.Configure<LoggerFilterOptions>(o =>
            {
                o.MinLevel = LogLevel.Trace;
                o.Rules.Clear();
            });
        });
    }

    private async Task AssertNoSecretAsync(HttpClient client)
    {
        var pages = new Dictionary<string, string>
        {
            ["/metrics"] = await client.GetStringAsync("/metrics"),
            ["/metrics/devices"] = await client.GetStringAsync("/metrics/devices"),
            ["/"] = await client.GetStringAsync("/"),
            ["log"] = _logs.All,
        };
        pages["log"].Should().Contain(UrlRedactor.Mask, "the API calls were logged, with the token masked");
        foreach (var (where, text) in pages)
            foreach (var secret in Secrets)
                text.Should().NotContain(secret, $"{where} must not show a secret");
    }

    /// <summary>Moves the host's fake clock (poll interval, retries, timeouts) until the condition holds.</summary>
    private async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Never saw {what}. Log:\n{_logs.All}");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
    }

    private static long CountFor(ApiCallStats stats, string fault) => fault switch
    {
        "timeout" => Count(stats, "timeout"),
        "500" => Count(stats, "500"),
        "429" => Count(stats, "429"),
        "401" => Count(stats, "401"),
        "html" or "truncated" or "oversized" => stats.InvalidResponses.Sum(r => r.Count),
        _ => Count(stats, "200"),
    };

    private static long Count(ApiCallStats stats, string code) => stats.Requests(ApiEndpoint.StatusChanged, code);

    private void ServeOk() => _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithBody(Json(["A", "B"])));

    private void Serve(string fault)
    {
        var response = Response.Create();
        response = fault switch
        {
            "timeout" => response.WithBody(Json(["A"])).WithDelay(TimeSpan.FromMilliseconds(1500)),
            "500" => response.WithStatusCode(500).WithBody("internal error"),
            "429" => response.WithStatusCode(429),
            "html" => response.WithHeader("Content-Type", "text/html").WithBody("<html>502</html>"),
            "truncated" => response.WithBody(Json(["A", "B"])[..30]),
            "oversized" => response.WithBody(Json(Enumerable.Range(0, 200).Select(i => $"X{i}").ToArray())),
            "401" => response.WithStatusCode(401).WithBody("""{"error":"invalid_token"}"""),
            _ => response.WithBody(Json(["A", "B"])),
        };
        _api.Given(Request.Create().WithPath(Page)).RespondWith(response);
    }

    private static string Json(string[] ids) =>
        "{\"monitored_devices\":[" + string.Join(",", ids.Select(id => $"{{\"device_id\":\"{id}\",\"status\":\"compliant\",\"group_name\":\"g\"}}")) + "],\"deleted_devices\":[]}";
}
