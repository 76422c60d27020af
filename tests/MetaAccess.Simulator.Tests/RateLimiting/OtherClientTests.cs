using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.RateLimiting;

/// <summary>Another client of the account (a SIEM add-on) spends the budget the exporter sees in the headers.</summary>
public class OtherClientTests
{
    [Fact]
    public async Task Spending_8_of_10_leaves_2_for_the_next_caller_and_the_third_is_told_how_long_to_wait()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 10);

        sim.Server.SpendBudget(8).Should().Be(8);
        sim.Time.Advance(TimeSpan.FromSeconds(5));
        using var first = await sim.StatusChangedAsync(new { page = 1 });
        using var second = await sim.StatusChangedAsync(new { page = 1 });
        using var third = await sim.StatusChangedAsync(new { page = 1 });

        SimulatorHarness.RateLimit(first).Should().Be(new RateHeaders(10, 1, 55));
        SimulatorHarness.RateLimit(second).Should().Be(new RateHeaders(10, 0, 55));
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter.Should().BeNull();
        SimulatorHarness.RateLimit(third).Should().Be(new RateHeaders(10, 0, 55), "the other client's first call leaves at 60 s");
        sim.Server.RateLimitRefusals.Should().Be(1, "only the third call is the exporter's refusal");
        sim.Server.Arrivals.Should().HaveCount(3, "the other client's calls are not the exporter's");
        sim.Server.OtherClientCalls.Should().Be(8);
    }

    [Fact]
    public async Task The_other_client_gets_only_what_is_left_and_its_refusals_are_not_counted()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 10);
        using var call = await sim.StatusChangedAsync(new { page = 1 });

        var admitted = sim.Server.SpendBudget(15);

        admitted.Should().Be(9);
        sim.Server.SpendBudget(1).Should().Be(0);
        sim.Server.RateLimitRefusals.Should().Be(0);
        sim.Server.OtherClientCalls.Should().Be(9);
    }

    [Fact]
    public async Task The_admin_endpoint_spends_for_the_other_client()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 10);

        using var spent = await sim.Http.PostAsync("/simulator/other-client/spend?calls=8", null);
        using var over = await sim.Http.PostAsync("/simulator/other-client/spend?calls=5", null);
        using var call = await sim.StatusChangedAsync(new { page = 1 });

        (await spent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("admitted").GetInt32().Should().Be(8);
        (await over.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("admitted").GetInt32().Should().Be(2);
        call.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        sim.Server.Arrivals.Should().ContainSingle();
    }

    [Theory]
    [InlineData("")]
    [InlineData("?calls=-1")]
    [InlineData("?calls=many")]
    public async Task The_admin_endpoint_refuses_a_count_that_is_not_a_whole_number(string query)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.Http.PostAsync($"/simulator/other-client/spend{query}", null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_per_minute_other_client_spends_evenly_on_the_simulator_clock()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.RequestsPerMinute = 10;
            o.OtherClientCallsPerMinute = 6;
        });
        using var atStart = await sim.StatusChangedAsync(new { page = 1 });
        var spentAfterEachStep = new List<long>();

        for (var step = 0; step < 6; step++)
        {
            sim.Time.Advance(TimeSpan.FromSeconds(10));
            spentAfterEachStep.Add(sim.Server.OtherClientCalls);
        }

        using var afterAMinute = await sim.StatusChangedAsync(new { page = 1 });

        SimulatorHarness.RateLimit(atStart)!.Value.Remaining.Should().Be(9, "the other client has not called yet");
        spentAfterEachStep.Should().Equal(1, 2, 3, 4, 5, 6);
        SimulatorHarness.RateLimit(afterAMinute).Should().Be(new RateHeaders(10, 3, 10),
            "the call at start has left; the other client's six calls, the first made 50 s ago, and this one remain");
        sim.Server.Arrivals.Should().HaveCount(2);
    }

    [Fact]
    public async Task The_other_client_stops_with_the_server()
    {
        var sim = await SimulatorHarness.StartAsync(o => o.OtherClientCallsPerMinute = 6);
        sim.Time.Advance(TimeSpan.FromSeconds(10));
        var spent = sim.Server.OtherClientCalls;

        await sim.DisposeAsync();
        sim.Time.Advance(TimeSpan.FromMinutes(5));

        spent.Should().Be(1);
        sim.Server.OtherClientCalls.Should().Be(1);
    }
}
