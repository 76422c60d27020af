using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Auth;

public class TokenEndpointTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync(o => o.StaticAccessToken = null);

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Client_credentials_get_a_bearer_token_that_opens_the_api()
    {
        using var response = await RequestTokenAsync("demo-secret");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("token_type").GetString().Should().Be("bearer");
        body.GetProperty("expires_in").GetInt32().Should().Be(3600);
        using var call = await _sim.StatusChangedAsync(new { page = 1 }, body.GetProperty("access_token").GetString());
        call.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_credentials_may_come_as_a_get_query()
    {
        using var response = await _sim.Http.GetAsync(
            "/o/oauth/token?client_id=demo-client&client_secret=demo-secret&grant_type=client_credentials");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_bad_secret_is_401()
    {
        using var response = await RequestTokenAsync("wrong");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("access_token");
    }

    [Fact]
    public async Task An_issued_token_expires_after_its_lifetime()
    {
        using var response = await RequestTokenAsync("demo-secret");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();

        _sim.Time.Advance(TimeSpan.FromMinutes(59));
        using var before = await _sim.StatusChangedAsync(new { page = 1 }, token);
        _sim.Time.Advance(TimeSpan.FromMinutes(1));
        using var after = await _sim.StatusChangedAsync(new { page = 1 }, token);

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_static_token_is_refused_when_not_configured()
    {
        using var response = await _sim.StatusChangedAsync(new { page = 1 }, "demo-token");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_requests_are_rate_limited()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 2);
        for (var i = 0; i < 2; i++)
        {
            using var ok = await sim.TokenAsync();
            ok.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var third = await sim.TokenAsync();

        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter.Should().BeNull();
        SimulatorHarness.RateLimit(third).Should().Be(new RateHeaders(2, 0, 60));
    }

    [Fact]
    public async Task A_bad_secret_spends_none_of_the_budget()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 1);
        for (var i = 0; i < 3; i++)
        {
            using var refused = await sim.TokenAsync("wrong");
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            SimulatorHarness.RateLimit(refused).Should().Be(new RateHeaders(1, 1, 0));
        }

        using var ok = await sim.TokenAsync();

        ok.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> RequestTokenAsync(string secret) => _sim.TokenAsync(secret);
}
