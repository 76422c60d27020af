using System.Net;

namespace MetaAccess.Simulator.Tests.RateLimiting;

public class RateLimitTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 10);

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task The_11th_call_inside_60_seconds_is_429_and_a_call_after_the_window_succeeds()
    {
        for (var i = 0; i < 10; i++)
        {
            (await CallAsync()).Should().Be(HttpStatusCode.OK);
            _sim.Time.Advance(TimeSpan.FromSeconds(1));
        }

        using var refused = await _sim.StatusChangedAsync(new { page = 1 });
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        SimulatorHarness.RateLimit(refused)!.Value.ResetTime.Should().Be(50, "the first call leaves the window 60 s after it was made");

        _sim.Time.Advance(TimeSpan.FromSeconds(49));
        (await CallAsync()).Should().Be(HttpStatusCode.TooManyRequests);
        _sim.Time.Advance(TimeSpan.FromSeconds(1));
        (await CallAsync()).Should().Be(HttpStatusCode.OK, "refused calls do not count");
        (await CallAsync()).Should().Be(HttpStatusCode.TooManyRequests, "the window is sliding, not reset");
        _sim.Server.RateLimitRefusals.Should().Be(3);
    }

    [Fact]
    public async Task Every_endpoint_shares_the_account_budget()
    {
        for (var i = 0; i < 10; i++)
        {
            using var details = await _sim.Http.GetAsync($"/o/api/v2.1/devices/{_sim.Fleet.Ids[0]}?access_token=demo-token");
            details.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await CallAsync()).Should().Be(HttpStatusCode.TooManyRequests);
        using var account = await _sim.AccountAsync();
        account.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_inventory_and_the_feed_spend_one_budget()
    {
        for (var i = 0; i < 5; i++)
        {
            (await CallAsync()).Should().Be(HttpStatusCode.OK);
            using var inventory = await _sim.InventoryAsync(new { limit = 50 });
            inventory.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var refused = await _sim.InventoryAsync(new { limit = 50 });

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        SimulatorHarness.RateLimit(refused).Should().Be(new RateHeaders(10, 0, 60));
        (await CallAsync()).Should().Be(HttpStatusCode.TooManyRequests);
    }

    private async Task<HttpStatusCode> CallAsync()
    {
        using var response = await _sim.StatusChangedAsync(new { page = 1 });
        return response.StatusCode;
    }
}
