using System.Text.Json;
using MetaAccessExporter.Budget;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Util;

namespace MetaAccessExporter.Tests.Api;

/// <summary>
/// The API measures <c>age</c> back from when a request arrives, so the exporter measures it when the request leaves:
/// after any wait for a budget slot or an access token, and again for the retry after a 401. Measured earlier, it
/// would be too short by that wait and the window's first seconds would go unread.
/// </summary>
public sealed class RequestAgeTests : IDisposable
{
    private const string TokenPath = "/o/oauth/token";
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowStart = T0.AddSeconds(-60);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeClock _time = new(T0);

    [Fact]
    public async Task The_age_is_measured_after_the_wait_for_a_budget_slot()
    {
        ServePages();
        using var api = new ApiHarness(_server.Url!, o => o.RequestsPerMinute = 2, _time);
        for (int i = 0; i < api.Budget.Limit; i++)
            (await api.Budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None)).Answered();

        var call = api.StatusChanged.GetPageAsync(WindowStart, 1, 50, CancellationToken.None);
        await Task.Delay(50);
        call.IsCompleted.Should().BeFalse("the budget is full: the request waits for a slot");
        _server.LogEntries.Should().BeEmpty();
        _time.Advance(TimeSpan.FromSeconds(61));
        await call;

        SentAges(PageJson.Path).Should().Equal([60 + 61], "the request left 61 s after it was made, when a slot came free");
    }

    [Fact]
    public async Task The_age_is_measured_after_the_access_token_is_fetched()
    {
        GiveTokens(("first", TimeSpan.FromSeconds(7)));
        ServePages();
        using var api = OAuthHarness();

        await api.StatusChanged.GetPageAsync(WindowStart, 1, 50, CancellationToken.None);

        SentAges(PageJson.Path).Should().Equal([60 + 7], "getting the token took 7 s before the page request left");
    }

    [Fact]
    public async Task The_retry_after_a_401_carries_an_age_measured_when_it_leaves()
    {
        GiveTokens(("refused", TimeSpan.Zero), ("renewed", TimeSpan.FromSeconds(5)));
        ServePages(acceptedToken: "renewed");
        using var api = OAuthHarness();

        var page = await api.StatusChanged.GetPageAsync(WindowStart, 1, 50, CancellationToken.None);

        page.Should().NotBeNull();
        SentAges(PageJson.Path).Should().Equal([60, 60 + 5], "the retry left after the 5 s the renewal took");
        _server.LogEntries.Where(e => e.RequestMessage.Path == PageJson.Path).Select(e => e.RequestMessage.Body)
            .Should().AllSatisfy(b => b.Should().Contain("\"page\":1,\"limit\":50,\"verbose\":1"), "only the age changes");
    }

    [Theory]
    [InlineData(-60.2, 61)] // rounded up: the window's start is always covered
    [InlineData(-60, 60)]
    [InlineData(0, 0)]
    [InlineData(30, 0)] // a start in the future (a clock step) asks for nothing rather than a negative age
    [InlineData(-25 * 3600, 86_400)] // beyond the API's reach: all it still knows
    public async Task The_age_is_rounded_up_and_kept_within_what_the_api_accepts(double startOffsetSeconds, int age)
    {
        ServePages();
        using var api = new ApiHarness(_server.Url!, time: _time);

        await api.StatusChanged.GetPageAsync(T0.AddSeconds(startOffsetSeconds), 1, 50, CancellationToken.None);

        SentAges(PageJson.Path).Should().Equal(age);
    }

    public void Dispose() => _server.Stop();

    private List<int> SentAges(string path) => _server.LogEntries.Where(e => e.RequestMessage.Path == path)
        .OrderBy(e => e.RequestMessage.DateTime)
        .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("age").GetInt32()).ToList();

    /// <summary>Empty pages for requests carrying <paramref name="acceptedToken"/> (any token when null), 401 for others.</summary>
    private void ServePages(string? acceptedToken = null)
    {
        var accepted = Request.Create().WithPath(PageJson.Path);
        if (acceptedToken is not null)
            accepted = accepted.WithParam("access_token", acceptedToken);
        _server.Given(accepted).AtPriority(1).RespondWith(Response.Create().WithBody(PageJson.Empty));
        _server.Given(Request.Create().WithPath(PageJson.Path)).AtPriority(10).RespondWith(Response.Create().WithStatusCode(401));
    }

    /// <summary>Issues the tokens in order, each after the clock moved by its delay: a token renewal that takes that long.</summary>
    private void GiveTokens(params (string Token, TimeSpan Takes)[] tokens)
    {
        int issued = 0;
        _server.Given(Request.Create().WithPath(TokenPath)).RespondWith(Response.Create().WithCallback(_ =>
        {
            var (token, takes) = tokens[Math.Min(issued++, tokens.Length - 1)];
            _time.Advance(takes);
            return new ResponseMessage
            {
                StatusCode = 200,
                BodyData = new BodyData
                {
                    BodyAsString = $$"""{"access_token":"{{token}}","expires_in":3600}""",
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
            };
        }));
    }

    private ApiHarness OAuthHarness() => new(_server.Url!, o =>
    {
        o.AccessToken = null;
        o.ClientId = "client";
        o.ClientSecret = "S3CRET";
    }, _time);
}
