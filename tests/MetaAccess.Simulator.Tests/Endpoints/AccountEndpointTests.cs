using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Endpoints;

public class AccountEndpointTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task The_token_may_come_as_the_documented_header()
    {
        using var response = await _sim.AccountAsync(headerToken: "demo-token");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        account.GetProperty("name").GetString().Should().Be("Simulated Account");
        account.GetProperty("devices_allowed").GetInt32().Should().Be(1000, "the licence defaults to the next thousand above 200");
    }

    [Fact]
    public async Task The_token_may_come_as_a_query_parameter()
    {
        using var response = await _sim.AccountAsync(headerToken: null, queryToken: "demo-token");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("not-a-token", null)]
    [InlineData(null, "not-a-token")]
    [InlineData("not-a-token", "demo-token")]
    public async Task Without_a_valid_token_it_is_401(string? header, string? query)
    {
        using var response = await _sim.AccountAsync(header, query);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_token");
        SimulatorHarness.RateLimit(response).Should().NotBeNull();
    }

    [Fact]
    public async Task The_totals_are_the_fleets_in_the_words_of_the_account_page()
    {
        var fleet = _sim.Server.Fleet.Snapshot();

        var account = await AccountAsync();

        account.GetProperty("devices_used").GetInt32().Should().Be(fleet.Count);
        var byStatus = Rows(account, "devices_by_status", "status");
        byStatus.Where(r => r.Value > 0).ToDictionary().Should()
            .BeEquivalentTo(fleet.GroupBy(d => d.Status).ToDictionary(g => g.Key, g => g.Count()));
        byStatus.Keys.Should().StartWith(["compliant", "non-compliant", "exempted", "unknown"]).And.Contain("pending");
        byStatus["non-compliant"].Should().BePositive("the hyphen, as the device feed spells it");
        var bySeverity = Rows(account, "devices_by_issue_severity", "severity");
        bySeverity.Keys.Should().Equal("critical", "warning", "no_issue");
        bySeverity["no_issue"].Should().Be(fleet.Count(d => d.Severity == "no_issues")).And.BePositive();
        bySeverity["critical"].Should().Be(fleet.Count(d => d.Severity == "critical"));
        bySeverity["warning"].Should().Be(fleet.Count(d => d.Severity == "warning"));
    }

    [Fact]
    public async Task The_feeds_keep_saying_no_issues()
    {
        var clean = _sim.Server.Fleet.Snapshot().First(d => d.Severity == "no_issues");

        var inventory = await _sim.InventoryWalkAsync();

        inventory.Single(d => d.GetProperty("device_id").GetString() == clean.DeviceId)
            .GetProperty("severity").GetString().Should().Be("no_issues");
    }

    [Fact]
    public async Task The_totals_follow_a_change_of_the_fleet()
    {
        var before = await AccountAsync();
        var gone = _sim.Server.Fleet.Snapshot().First(d => d.Status == "non-compliant");

        using var deleted = await _sim.Http.DeleteAsync($"/simulator/devices/{gone.DeviceId}");
        var after = await AccountAsync();

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        after.GetProperty("devices_used").GetInt32().Should().Be(before.GetProperty("devices_used").GetInt32() - 1);
        Rows(after, "devices_by_status", "status")["non-compliant"].Should()
            .Be(Rows(before, "devices_by_status", "status")["non-compliant"] - 1);
    }

    [Fact]
    public async Task Another_status_and_severity_are_counted_as_the_fleet_spells_them()
    {
        _sim.Server.Fleet.SetStatus(_sim.Fleet.Ids[0], "quarantined", "none");

        var account = await AccountAsync();

        Rows(account, "devices_by_status", "status")["quarantined"].Should().Be(1);
        Rows(account, "devices_by_issue_severity", "severity").Keys.Should().Equal("critical", "warning", "no_issue", "none");
    }

    [Fact]
    public async Task The_count_offset_makes_the_vendors_totals_disagree_with_the_fleet()
    {
        var honest = await AccountAsync();
        _sim.Server.Faults.AccountCountOffset = 5;

        var drifted = await AccountAsync();
        _sim.Server.Faults.AccountCountOffset = -100_000;
        var floored = await AccountAsync();

        drifted.GetProperty("devices_used").GetInt32().Should().Be(_sim.Server.Fleet.Count + 5);
        var honestStatus = Rows(honest, "devices_by_status", "status");
        var driftedStatus = Rows(drifted, "devices_by_status", "status");
        driftedStatus["compliant"].Should().Be(honestStatus["compliant"] + 5);
        driftedStatus.Where(r => r.Key != "compliant").ToDictionary().Should()
            .BeEquivalentTo(honestStatus.Where(r => r.Key != "compliant").ToDictionary());
        floored.GetProperty("devices_used").GetInt32().Should().Be(0, "a count is never negative");
        Rows(floored, "devices_by_status", "status")["compliant"].Should().Be(0);
    }

    [Fact]
    public async Task The_vulnerability_totals_cover_the_fleet_and_are_the_same_for_the_same_seed()
    {
        await using var twin = await SimulatorHarness.StartAsync();

        var mine = Rows(await AccountAsync(), "devices_by_vulnerability_severity", "severity");
        using var response = await twin.AccountAsync();
        var theirs = Rows(await response.Content.ReadFromJsonAsync<JsonElement>(), "devices_by_vulnerability_severity", "severity");

        mine.Keys.Should().Equal("critical", "important", "moderate", "low", "unknown");
        mine.Values.Sum().Should().Be(200);
        mine.Values.Should().AllSatisfy(n => n.Should().BePositive());
        theirs.Should().Equal(mine);
    }

    [Fact]
    public async Task The_name_and_licence_are_options()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.AccountName = "Zürich \"HQ\"";
            o.DevicesAllowed = 150;
        });

        using var response = await sim.AccountAsync();
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();

        account.GetProperty("name").GetString().Should().Be("Zürich \"HQ\"");
        account.GetProperty("devices_allowed").GetInt32().Should().Be(150);
        account.GetProperty("devices_used").GetInt32().Should().Be(200, "an account may use more than its licence");
    }

    [Fact]
    public async Task It_is_rate_limited_and_fault_injected_like_every_endpoint()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.RequestsPerMinute = 1);

        using var ok = await sim.AccountAsync();
        using var refused = await sim.AccountAsync();
        sim.Server.Faults.ThrottleRate = 1;
        using var injected = await sim.AccountAsync(headerToken: null, queryToken: "demo-token");

        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        SimulatorHarness.RateLimit(refused).Should().Be(new RateHeaders(1, 0, 60));
        injected.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        sim.Server.RateLimitRefusals.Should().Be(1);
        sim.Server.Arrivals.Should().HaveCount(3);
    }

    private async Task<JsonElement> AccountAsync()
    {
        using var response = await _sim.AccountAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An array of <c>{key, number_of_devices}</c> rows, in the answer's order.</summary>
    private static OrderedDictionary<string, int> Rows(JsonElement account, string array, string key)
    {
        var rows = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in account.GetProperty(array).EnumerateArray())
        {
            rows.Add(row.GetProperty(key).GetString()!, row.GetProperty("number_of_devices").GetInt32());
        }

        return rows;
    }
}
