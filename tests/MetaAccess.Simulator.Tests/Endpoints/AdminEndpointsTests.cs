using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Endpoints;

public class AdminEndpointsTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task The_fleet_endpoint_reports_the_truth_without_a_token()
    {
        var fleet = await _sim.Http.GetFromJsonAsync<JsonElement>("/simulator/fleet");

        fleet.GetProperty("count").GetInt32().Should().Be(200);
        fleet.GetProperty("devices").EnumerateArray().Select(e => e.GetString()).Should().Equal(_sim.Fleet.Ids);
        fleet.GetProperty("by_status").EnumerateObject().Sum(p => p.Value.GetInt32()).Should().Be(200);
        fleet.GetProperty("by_severity").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo(["critical", "warning", "no_issues"]);
        fleet.GetProperty("in_feed_window").GetInt32().Should()
            .Be(_sim.Server.Fleet.Snapshot().Count(d => d.ChangedAt >= SimulatorHarness.Start.AddDays(-1)))
            .And.BeInRange(90, 150, "about 40% of the fleet last changed days ago");
    }

    [Fact]
    public async Task A_check_in_moves_last_seen_only()
    {
        var before = _sim.Server.Fleet.Snapshot()[3];
        _sim.Time.Advance(TimeSpan.FromMinutes(1));

        using var response = await _sim.Http.PostAsync($"/simulator/devices/{before.DeviceId}/check-in", null);
        using var unknown = await _sim.Http.PostAsync("/simulator/devices/NOPE/check-in", null);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        _sim.Server.Fleet.Find(before.DeviceId).Should().Be(before with { LastSeen = _sim.Time.GetUtcNow() });
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("?tombstone=false", true)]
    [InlineData("?tombstone=0", true)]
    public async Task A_deletion_leaves_a_tombstone_unless_asked_not_to(string query, bool silent)
    {
        var id = _sim.Fleet.Ids[4];

        using var response = await _sim.Http.DeleteAsync($"/simulator/devices/{id}{query}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        _sim.Server.Fleet.Departures().Should().ContainSingle().Which.Silent.Should().Be(silent);
    }

    [Fact]
    public async Task Setting_a_status_changes_the_device_now()
    {
        var id = _sim.Fleet.Ids[5];
        _sim.Time.Advance(TimeSpan.FromMinutes(1));

        using var response = await _sim.Http.PostAsync($"/simulator/devices/{id}/status?status=exempted&severity=none", null);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var device = _sim.Server.Fleet.Find(id)!;
        device.Status.Should().Be("exempted");
        device.ChangedAt.Should().Be(_sim.Time.GetUtcNow());
    }

    [Fact]
    public async Task Setting_the_status_of_an_unknown_device_is_404()
    {
        using var response = await _sim.Http.PostAsync("/simulator/devices/NOPE/status?status=compliant&severity=none", null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
