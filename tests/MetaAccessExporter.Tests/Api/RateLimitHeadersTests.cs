using System.Net;
using MetaAccessExporter.Api;
using MetaAccessExporter.Api.Http;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Api;

/// <summary>The vendor's X-RateLimit-* headers, read off every answer and handed to the budget.</summary>
public sealed class RateLimitHeadersTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeClock _time = new(T0);
    private readonly ApiHarness _api;

    public RateLimitHeadersTests() => _api = new ApiHarness(_server.Url!, time: _time);

    [Theory]
    [InlineData("10", "4", "37", 10, 4, 37.0)]
    [InlineData(null, "0", "2.5", null, 0, 2.5)]
    [InlineData("10", "3", null, 10, 3, 60.0)]
    [InlineData("10", "3", "3600", 10, 3, 900.0)]
    [InlineData("10", "3", "1795510830", 10, 3, 30.0)]
    public void Reads_what_is_left_and_when_it_resets(
        string? limit, string remaining, string? reset, int? expectedLimit, int expectedRemaining, double resetInSeconds)
    {
        using var response = Answer(limit, remaining, reset);

        var report = RateLimitHeaders.Read(response, T0);

        report.Should().NotBeNull();
        report!.Limit.Should().Be(expectedLimit);
        report.Remaining.Should().Be(expectedRemaining);
        report.ResetAt.Should().Be(T0.AddSeconds(resetInSeconds),
            "seconds as sent; none means a minute; hours are clamped to 15 minutes; a Unix time is read as one");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("many")]
    [InlineData("NaN")]
    public void An_answer_that_does_not_say_what_is_left_says_nothing(string? remaining)
    {
        using var response = Answer("10", remaining, "30");

        RateLimitHeaders.Read(response, T0).Should().BeNull();
    }

    [Fact]
    public async Task A_429_without_retry_after_waits_for_the_reset_time()
    {
        _server.Given(Request.Create().WithPath(PageJson.Path)).RespondWith(Response.Create().WithStatusCode(429)
            .WithHeader(RateLimitHeaders.Limit, "10").WithHeader(RateLimitHeaders.Remaining, "0")
            .WithHeader(RateLimitHeaders.ResetTime, "17"));

        await FluentActions.Awaiting(() => _api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        _api.Budget.PausedUntil.Should().Be(T0.AddSeconds(17), "the reset time says when the account has room again");
        _api.Stats.Throttled.Should().Be(1);
        _api.Budget.Server.Should().Be(new MetaAccessExporter.Budget.ServerView(10, 0, T0.AddSeconds(17), T0));
    }

    [Fact]
    public async Task An_answer_that_says_nothing_is_left_holds_the_next_call_until_the_reset()
    {
        _server.Given(Request.Create().WithPath(PageJson.Path)).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody(PageJson.OfIds("D1")).WithHeader(RateLimitHeaders.Limit, "10").WithHeader(RateLimitHeaders.Remaining, "0")
            .WithHeader(RateLimitHeaders.ResetTime, "20"));

        await _api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None);
        var second = _api.StatusChanged.GetPageAsync(T0.AddSeconds(-60), 1, 50, CancellationToken.None);

        (await _time.RunAsync(() => second)).Should().BeNull();
        _server.LogEntries.Should().HaveCount(2);
        _time.GetUtcNow().Should().BeOnOrAfter(T0.AddSeconds(20), "no call went before the server's period reset");
        _api.Stats.Throttled.Should().Be(0, "a 200 that says nothing is left is a warning, not a throttle");
    }

    public void Dispose()
    {
        _api.Dispose();
        _server.Dispose();
    }

    private static HttpResponseMessage Answer(string? limit, string? remaining, string? reset)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        if (limit is not null)
            response.Headers.TryAddWithoutValidation(RateLimitHeaders.Limit, limit);
        if (remaining is not null)
            response.Headers.TryAddWithoutValidation(RateLimitHeaders.Remaining, remaining);
        if (reset is not null)
            response.Headers.TryAddWithoutValidation(RateLimitHeaders.ResetTime, reset);
        return response;
    }
}
