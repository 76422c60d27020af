using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.RateLimiting;

/// <summary>The vendor's limit is the account's: one window, whoever calls and with whichever credentials.</summary>
public class AccountWindowTests
{
    [Fact]
    public async Task Token_requests_and_api_calls_spend_one_window()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 3);

        using var token = await sim.TokenAsync();
        using var first = await sim.StatusChangedAsync(new { page = 1 });
        using var second = await sim.InventoryAsync(new { limit = 5 });
        using var refused = await sim.StatusChangedAsync(new { page = 1 });
        using var refusedToken = await sim.TokenAsync();

        new[] { token, first, second }.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refusedToken.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        sim.Server.RateLimitRefusals.Should().Be(2);
        sim.Server.Arrivals.Should().HaveCount(5);
    }

    [Fact]
    public async Task Two_tokens_share_one_window()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 4);
        using var issued = await sim.TokenAsync();
        var oauthToken = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();

        using var withOAuth = await sim.StatusChangedAsync(new { page = 1 }, oauthToken);
        using var withStatic = await sim.StatusChangedAsync(new { page = 1 }, "demo-token");
        using var lastSlot = await sim.AccountAsync(headerToken: oauthToken);
        using var staticRefused = await sim.StatusChangedAsync(new { page = 1 }, "demo-token");
        using var oauthRefused = await sim.StatusChangedAsync(new { page = 1 }, oauthToken);

        SimulatorHarness.RateLimit(withOAuth)!.Value.Remaining.Should().Be(2);
        SimulatorHarness.RateLimit(withStatic)!.Value.Remaining.Should().Be(1, "the static token spends the same window");
        lastSlot.StatusCode.Should().Be(HttpStatusCode.OK);
        staticRefused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        oauthRefused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        sim.Server.RateLimitRefusals.Should().Be(2);
    }
}
