using MetaAccessExporter.Api;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Faults;
using MetaAccessExporter.TestSupport.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
    private const string Page = PageJson.Path;
    private const string FixedToken = "FIXED-TOKEN-4f1c9a";
    private const string ClientSecret = "CLIENT-SECRET-77e2b0";
    private const string IssuedToken = "ISSUED-TOKEN-d93a11";
    private static readonly string[] Secrets = [FixedToken, ClientSecret, IssuedToken];
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly FakeClock _time = new(DateTimeOffset.UtcNow);
    private readonly CapturedLogs _logs = new();
    private readonly CancellationTokenSource _release = new();

    [Fact]
    public async Task No_fault_with_a_fixed_token_puts_the_token_in_logs_metrics_or_the_landing_page()
    {
        ServeOk();
        await using var exporter = Host(_api.Url!, oauth: false);
        var client = exporter.CreateClient();
        var stats = exporter.Services.GetRequiredService<ApiCallStats>();
        await UntilAsync(() => Count(stats, "200") > 0, "a first good page");

        foreach (var fault in FaultCatalog.All)
        {
            long before = CountFor(stats, fault);
            _api.Reset();
            Serve(fault);
            await UntilAnsweredAsync(() => CountFor(stats, fault) > before, fault);
        }
        _api.Reset();
        ServeOk();
        long good = Count(stats, "200");
        await UntilAsync(() => Count(stats, "200") > good, "a good page again");

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
        _api.Given(Request.Create().WithPath("/o/oauth/token"))
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"error":"invalid_client"}"""));
        await UntilAsync(() => stats.Requests(ApiEndpoint.Token, "401") > 0, "a refused client secret");
        _api.Reset();
        _api.Given(Request.Create().WithPath("/o/oauth/token")).RespondWith(Response.Create().WithBody("<html>login</html>"));
        await UntilAsync(() => stats.Requests(ApiEndpoint.Token, "200") > 0, "a garbage token answer");
        _api.Reset();
        GiveIssuedToken();
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithStatusCode(401));
        await UntilAsync(() => Count(stats, "401") >= 2, "a token refused twice");
        foreach (var fault in FaultCatalog.All)
        {
            long before = CountFor(stats, fault);
            _api.ResetMappings();
            GiveIssuedToken();
            Serve(fault);
            await UntilAnsweredAsync(() => CountFor(stats, fault) > before, fault);
        }
        _api.ResetMappings();
        GiveIssuedToken();
        ServeOk();
        long good = Count(stats, "200");
        await UntilAsync(() => Count(stats, "200") > good, "a good page again");

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

    public void Dispose()
    {
        _release.Cancel();
        _api.Stop();
        _release.Dispose();
    }

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
    /// <param name="stalledServer">The server does not answer: the clock moves while a request waits, so it times out.</param>
    private async Task UntilAsync(Func<bool> condition, string what, bool stalledServer = false)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Never saw {what}. Log:\n{_logs.All}");
            await _time.StepAsync(TimeSpan.FromSeconds(1), stalledServer);
            await Task.Delay(8);
        }
    }

    /// <summary>Until the fault's answer is counted; after a stall, until no stalled request is left waiting either.</summary>
    private Task UntilAnsweredAsync(Func<bool> counted, ApiFault fault) => fault.Stalls
        ? UntilAsync(() => counted() && _time.RequestsInFlight == 0, $"the {fault} answer", stalledServer: true)
        : UntilAsync(counted, $"the {fault} answer");

    private static long CountFor(ApiCallStats stats, ApiFault fault) =>
        fault.Invalid ? stats.InvalidResponses.Sum(r => r.Count) : Count(stats, fault.Code);

    private static long Count(ApiCallStats stats, string code) => stats.Requests(ApiEndpoint.StatusChanged, code);

    private void GiveIssuedToken() => _api.Given(Request.Create().WithPath("/o/oauth/token"))
        .RespondWith(Response.Create().WithBody($$"""{"access_token":"{{IssuedToken}}","expires_in":3600}"""));

    private void ServeOk() => _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithBody(PageJson.OfIds("A", "B")));

    private void Serve(ApiFault fault) =>
        _api.Given(Request.Create().WithPath(Page)).RespondWith(FaultCatalog.Answer(fault, _release.Token));
}
