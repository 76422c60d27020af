using System.Net;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Faults;

public class FaultInjectionTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Server_errors_are_500_502_or_503()
    {
        _sim.Server.Faults.ServerErrorRate = 1;

        var codes = await CodesAsync(_sim, 30);

        codes.Distinct().Should().BeEquivalentTo([HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway,
            HttpStatusCode.ServiceUnavailable]);
    }

    [Fact]
    public async Task Garbage_is_a_200_whose_body_is_not_json()
    {
        _sim.Server.Faults.GarbageRate = 1;

        for (var i = 0; i < 6; i++)
        {
            using var response = await _sim.StatusChangedAsync(new { page = 1 });
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = await response.Content.ReadAsStringAsync();
            FluentActions.Invoking(() => JsonDocument.Parse(body)).Should().Throw<JsonException>();
        }
    }

    [Fact]
    public async Task Injected_throttling_is_429_sometimes_with_retry_after()
    {
        _sim.Server.Faults.ThrottleRate = 1;
        var withHeader = 0;

        for (var i = 0; i < 20; i++)
        {
            using var response = await _sim.StatusChangedAsync(new { page = 1 });
            response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            withHeader += response.Headers.RetryAfter is null ? 0 : 1;
        }

        withHeader.Should().BeInRange(3, 17);
    }

    [Fact]
    public async Task The_same_seed_injects_the_same_faults_on_the_same_calls()
    {
        await using var other = await SimulatorHarness.StartAsync();
        _sim.Server.Faults.ServerErrorRate = other.Server.Faults.ServerErrorRate = 0.5;

        (await CodesAsync(_sim, 20)).Should().Equal(await CodesAsync(other, 20));
    }

    [Fact]
    public async Task A_delay_makes_an_impatient_client_time_out()
    {
        _sim.Server.Faults.Delay = TimeSpan.FromMinutes(5);
        using var impatient = new HttpClient { BaseAddress = _sim.Server.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) };

        var call = () => impatient.GetAsync($"/o/api/v2.1/devices/{_sim.Fleet.Ids[0]}?access_token=demo-token");

        await call.Should().ThrowAsync<TaskCanceledException>();
    }

    [Fact]
    public async Task A_delayed_answer_arrives_once_the_simulator_clock_passes_the_delay()
    {
        _sim.Server.Faults.Delay = TimeSpan.FromSeconds(30);

        var pending = _sim.StatusChangedAsync(new { page = 1 });
        // The request may not have reached its timer yet: keep advancing until it answers.
        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            _sim.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(pending, Task.Delay(25));
        }

        using var response = await pending;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<List<HttpStatusCode>> CodesAsync(SimulatorHarness sim, int calls)
    {
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < calls; i++)
        {
            using var response = await sim.StatusChangedAsync(new { page = 1 });
            codes.Add(response.StatusCode);
        }

        return codes;
    }
}
