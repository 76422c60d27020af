using System.Net;

namespace MetaAccess.Simulator.Tests.RateLimiting;

public class RateLimitHeaderTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 10);

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task A_success_says_the_limit_the_calls_left_and_when_the_oldest_call_leaves_the_window()
    {
        (await HeadersOfCallAsync()).Should().Be(new RateHeaders(10, 9, 60));
        _sim.Time.Advance(TimeSpan.FromSeconds(15));
        (await HeadersOfCallAsync()).Should().Be(new RateHeaders(10, 8, 45));
        _sim.Time.Advance(TimeSpan.FromSeconds(0.5));
        (await HeadersOfCallAsync()).Should().Be(new RateHeaders(10, 7, 45), "44.5 s are rounded up, never down");
    }

    [Fact]
    public async Task A_real_429_has_no_retry_after_only_the_headers_saying_when_a_slot_frees()
    {
        for (var i = 0; i < 10; i++)
        {
            (await HeadersOfCallAsync()).Remaining.Should().Be(9 - i);
            _sim.Time.Advance(TimeSpan.FromSeconds(1));
        }

        using var refused = await _sim.StatusChangedAsync(new { page = 1 });
        _sim.Time.Advance(TimeSpan.FromSeconds(49.5));
        using var almost = await _sim.StatusChangedAsync(new { page = 1 });
        _sim.Time.Advance(TimeSpan.FromSeconds(0.5));
        using var admitted = await _sim.StatusChangedAsync(new { page = 1 });

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().BeNull("the vendor documents no Retry-After");
        SimulatorHarness.RateLimit(refused).Should().Be(new RateHeaders(10, 0, 50));
        almost.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        SimulatorHarness.RateLimit(almost).Should().Be(new RateHeaders(10, 0, 1));
        admitted.StatusCode.Should().Be(HttpStatusCode.OK, "the reset time is when the oldest call left");
        SimulatorHarness.RateLimit(admitted).Should().Be(new RateHeaders(10, 0, 1));
    }

    [Fact]
    public async Task The_token_endpoint_carries_the_headers()
    {
        using var response = await _sim.TokenAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        SimulatorHarness.RateLimit(response).Should().Be(new RateHeaders(10, 9, 60));
    }

    [Fact]
    public async Task A_401_is_not_counted_and_still_describes_the_window()
    {
        using var onEmpty = await _sim.StatusChangedAsync(new { page = 1 }, "not-a-token");
        (await HeadersOfCallAsync()).Should().Be(new RateHeaders(10, 9, 60));
        _sim.Time.Advance(TimeSpan.FromSeconds(10));

        using var refused = await _sim.StatusChangedAsync(new { page = 1 }, "not-a-token");

        onEmpty.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        SimulatorHarness.RateLimit(onEmpty).Should().Be(new RateHeaders(10, 10, 0), "an empty window has nothing to wait for");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        SimulatorHarness.RateLimit(refused).Should().Be(new RateHeaders(10, 9, 50));
        (await HeadersOfCallAsync()).Should().Be(new RateHeaders(10, 8, 50));
    }

    [Fact]
    public async Task An_injected_429_describes_the_window_it_did_not_spend_and_may_carry_retry_after()
    {
        (await HeadersOfCallAsync()).Should().Be(new RateHeaders(10, 9, 60));
        _sim.Server.Faults.ThrottleRate = 1;
        var withRetryAfter = 0;

        for (var i = 0; i < 20; i++)
        {
            using var throttled = await _sim.StatusChangedAsync(new { page = 1 });
            throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            SimulatorHarness.RateLimit(throttled).Should().Be(new RateHeaders(10, 9, 60));
            withRetryAfter += throttled.Headers.RetryAfter is null ? 0 : 1;
        }

        withRetryAfter.Should().BeInRange(3, 17);
        _sim.Server.RateLimitRefusals.Should().Be(0, "injected 429s are not the real window's");
    }

    [Fact]
    public async Task A_server_error_carries_the_headers_of_the_call_it_spent()
    {
        _sim.Server.Faults.ServerErrorRate = 1;

        using var failed = await _sim.StatusChangedAsync(new { page = 1 });

        ((int)failed.StatusCode).Should().BeGreaterThanOrEqualTo(500);
        SimulatorHarness.RateLimit(failed).Should().Be(new RateHeaders(10, 9, 60));
    }

    [Fact]
    public async Task Every_api_answer_carries_the_headers_and_no_admin_answer_does()
    {
        using var feed = await _sim.StatusChangedAsync(new { page = 1 });
        using var inventory = await _sim.InventoryAsync(new { limit = 5 });
        using var details = await _sim.Http.GetAsync($"/o/api/v2.1/devices/{_sim.Fleet.Ids[0]}?access_token=demo-token");
        using var missing = await _sim.Http.GetAsync("/o/api/v2.1/devices/NOPE?access_token=demo-token");
        using var badLimit = await _sim.StatusChangedAsync(new { limit = 99 });
        using var account = await _sim.AccountAsync();
        using var fleet = await _sim.Http.GetAsync("/simulator/fleet");
        using var spend = await _sim.Http.PostAsync("/simulator/other-client/spend?calls=0", null);

        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        badLimit.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        SimulatorHarness.RateLimit(feed).Should().Be(new RateHeaders(10, 9, 60));
        SimulatorHarness.RateLimit(inventory).Should().Be(new RateHeaders(10, 8, 60));
        SimulatorHarness.RateLimit(details).Should().Be(new RateHeaders(10, 7, 60));
        SimulatorHarness.RateLimit(missing).Should().Be(new RateHeaders(10, 6, 60));
        SimulatorHarness.RateLimit(badLimit).Should().Be(new RateHeaders(10, 5, 60));
        SimulatorHarness.RateLimit(account).Should().Be(new RateHeaders(10, 4, 60));
        fleet.StatusCode.Should().Be(HttpStatusCode.OK);
        SimulatorHarness.RateLimit(fleet).Should().BeNull();
        spend.StatusCode.Should().Be(HttpStatusCode.OK);
        SimulatorHarness.RateLimit(spend).Should().BeNull();
    }

    private async Task<RateHeaders> HeadersOfCallAsync()
    {
        using var response = await _sim.StatusChangedAsync(new { page = 1 });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var headers = SimulatorHarness.RateLimit(response);
        headers.Should().NotBeNull();
        return headers!.Value;
    }
}
