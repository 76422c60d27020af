using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Endpoints;

public class InventoryTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task A_cursor_walk_lists_the_whole_fleet_in_enrolment_order_days_old_devices_included()
    {
        var devices = await _sim.InventoryWalkAsync();

        SimulatorHarness.Ids(devices).Should().Equal(_sim.Server.Fleet.Inventory().Select(d => d.DeviceId));
        SimulatorHarness.Ids(devices).Should().BeEquivalentTo(_sim.Fleet.Ids);
        devices.Select(d => d.GetProperty("enrolled_at").GetString()).Should().BeInAscendingOrder(StringComparer.Ordinal);
        _sim.Server.Fleet.Snapshot().Should().Contain(d => d.ChangedAt < SimulatorHarness.Start.AddDays(-2), "the feed alone misses some");
    }

    [Fact]
    public async Task Each_record_gives_the_devices_truth_in_the_inventorys_words()
    {
        var records = await _sim.InventoryWalkAsync();

        foreach (var record in records)
        {
            var device = _sim.Server.Fleet.Find(record.GetProperty("device_id").GetString()!)!;
            Text(record, "status").Should().Be(device.Status.Replace('-', '_'));
            Text(record, "severity").Should().Be(device.Severity);
            Text(record, "last_seen").Should().Be(Timestamp(device.LastSeen));
            Text(record, "enrolled_at").Should().Be(Timestamp(device.EnrolledAt));
            Text(record, "device_name").Should().Be(device.DeviceName);
            Text(record, "nickname").Should().Be(device.NickName);
            Text(record, "device_type").Should().Be(device.DeviceType);
            Text(record, "agent_version").Should().Be(device.AgentVersion);
            (record.TryGetProperty("group_name", out var group) ? group.GetString() : null).Should().Be(device.GroupName);
            record.TryGetProperty("host_name", out _).Should().Be(!device.IsPrivate);
            record.GetProperty("os_info").GetProperty("family").GetString().Should().Be(device.OsFamily);
            var issue = record.GetProperty("issue");
            issue.GetProperty("total_issue").GetInt32().Should().Be(device.TotalIssues);
            issue.GetProperty("total_critical_issue").GetInt32().Should().Be(device.CriticalIssues);
            issue.GetProperty("total_warning_issue").GetInt32().Should().Be(device.WarningIssues);
        }

        records.Select(r => Text(r, "status")).Should().Contain("non_compliant");
        records.Select(r => Text(r, "severity")).Should().Contain(["no_issues", "warning", "critical"]);
    }

    [Theory]
    [InlineData(InventoryEnd.EmptyToken, JsonValueKind.String)]
    [InlineData(InventoryEnd.NullToken, JsonValueKind.Null)]
    [InlineData(InventoryEnd.AbsentToken, JsonValueKind.Undefined)]
    public async Task The_last_page_ends_the_list_the_configured_way(InventoryEnd end, JsonValueKind kind)
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.DeviceCount = 45;
            o.InventoryEnd = end;
        });

        var first = await sim.InventoryPageAsync(null, limit: 20);
        var second = await sim.InventoryPageAsync(SimulatorHarness.NextToken(first), limit: 20);
        var last = await sim.InventoryPageAsync(SimulatorHarness.NextToken(second), limit: 20);

        SimulatorHarness.NextToken(first).Should().NotBeNullOrEmpty();
        SimulatorHarness.NextToken(second).Should().NotBeNullOrEmpty();
        last.GetProperty("devices").GetArrayLength().Should().Be(5);
        var token = last.TryGetProperty("next_token", out var value) ? value.ValueKind : JsonValueKind.Undefined;
        token.Should().Be(kind);
        (kind != JsonValueKind.String || value.GetString() == "").Should().BeTrue("the empty form is an empty string");
    }

    [Fact]
    public async Task A_full_last_page_still_gives_a_cursor_and_the_page_after_it_is_empty()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.DeviceCount = 40);
        var second = await sim.InventoryPageAsync(SimulatorHarness.NextToken(await sim.InventoryPageAsync(null, 20)), 20);

        var after = await sim.InventoryPageAsync(SimulatorHarness.NextToken(second), 20);

        second.GetProperty("devices").GetArrayLength().Should().Be(20);
        SimulatorHarness.NextToken(second).Should().NotBeNullOrEmpty();
        after.GetProperty("devices").GetArrayLength().Should().Be(0);
        after.GetProperty("next_token").GetString().Should().BeEmpty();
    }

    [Fact]
    public async Task No_token_or_an_empty_one_starts_from_the_oldest_device_with_20_by_default()
    {
        var oldest = _sim.Server.Fleet.Inventory().Take(20).Select(d => d.DeviceId).ToList();

        using var none = await _sim.InventoryAsync(new { });
        using var empty = await _sim.InventoryAsync(new { token = "", limit = "20" });
        using var bare = await _sim.Http.PostAsync("/o/api/v3.7/devices?access_token=demo-token", new StringContent(""));

        foreach (var response in new[] { none, empty, bare })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            SimulatorHarness.Ids((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("devices").EnumerateArray())
                .Should().Equal(oldest);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    [InlineData(-3)]
    public async Task A_limit_outside_1_to_50_is_406(int limit)
    {
        using var response = await _sim.InventoryAsync(new { limit });

        response.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public async Task A_limit_of_1_or_50_is_honoured(int limit)
    {
        var page = await _sim.InventoryPageAsync(null, limit);

        page.GetProperty("devices").GetArrayLength().Should().Be(limit);
    }

    [Theory]
    [InlineData("{\"token\":\"not base64!\"}")]
    [InlineData("{\"token\":\"aGVsbG8=\"}")]
    [InlineData("{\"token\":17}")]
    [InlineData("{\"limit\":\"many\"}")]
    [InlineData("[1]")]
    public async Task A_cursor_the_api_never_issued_or_a_body_of_the_wrong_shape_is_400(string body)
    {
        using var response = await _sim.Http.PostAsync(
            "/o/api/v3.7/devices?access_token=demo-token", new StringContent(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_inventory_needs_a_valid_token()
    {
        using var response = await _sim.InventoryAsync(new { limit = 5 }, token: "wrong");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static string? Text(JsonElement record, string name) => record.GetProperty(name).GetString();

    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
}
