using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Endpoints;

public class DeviceDetailsTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync(o => o.DeviceCount = 400);

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Details_agree_with_the_fleet()
    {
        var device = _sim.Server.Fleet.Snapshot().First(d => d.CriticalIssues > 0 && !d.IsPrivate);

        var details = await GetAsync(device.DeviceId);

        details.GetProperty("hwid").GetString().Should().Be(device.DeviceId);
        details.GetProperty("hostname").GetString().Should().Be(device.DeviceName);
        details.GetProperty("total_issue").GetInt32().Should().Be(device.TotalIssues);
        details.GetProperty("total_critical_issue").GetInt32().Should().Be(device.CriticalIssues);
        details.GetProperty("critical_status").GetInt32().Should().Be(1);
        var applications = details.GetProperty("applications").EnumerateArray().ToList();
        applications.Count(a => a.GetProperty("has_issue").GetInt32() == 1).Should().Be(device.TotalIssues);
        applications.Count(a => a.GetProperty("has_critical_issue").GetInt32() == 1).Should().Be(device.CriticalIssues);
        details.GetProperty("network_info")[0].GetProperty("mac_addr").GetString().Should().Be(device.MacAddress);
    }

    [Fact]
    public async Task An_infected_device_reports_its_threats()
    {
        var device = _sim.Server.Fleet.Snapshot().First(d => d.IsInfected);

        var details = await GetAsync(device.DeviceId);

        var scan = details.GetProperty("infections").EnumerateArray().Single(i => i.GetProperty("category").GetString() == "malware_scan");
        scan.GetProperty("total_threats").GetInt32().Should().Be(device.Threats.Count);
        scan.GetProperty("threats").EnumerateArray().Select(t => t.GetProperty("ThreatName").GetString())
            .Should().Equal(device.Threats.Select(t => t.ThreatName));
        scan.GetProperty("threats")[0].GetProperty("hash").GetString().Should().Be(device.Threats[0].Hash);
    }

    [Fact]
    public async Task A_private_device_hides_hostname_and_addresses()
    {
        var device = _sim.Server.Fleet.Snapshot().First(d => d.IsPrivate);

        var details = await GetAsync(device.DeviceId);

        details.TryGetProperty("hostname", out _).Should().BeFalse();
        details.GetProperty("network_info")[0].EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task Opt_1_looks_a_device_up_by_mac_address()
    {
        var device = _sim.Server.Fleet.Snapshot().First(d => !d.IsPrivate);

        var details = await GetAsync(device.MacAddress.ToUpperInvariant(), "&opt=1");

        details.GetProperty("hwid").GetString().Should().Be(device.DeviceId);
    }

    [Fact]
    public async Task Unknown_and_deleted_devices_are_404()
    {
        var deleted = _sim.Fleet.Ids[0];
        _sim.Server.Fleet.Delete(deleted);

        (await StatusAsync("NOSUCHDEVICE")).Should().Be(HttpStatusCode.NotFound);
        (await StatusAsync(deleted)).Should().Be(HttpStatusCode.NotFound);
        (await StatusAsync("00:00:00:00:00:00", "&opt=1")).Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Details_need_a_valid_token()
    {
        using var response = await _sim.Http.GetAsync($"/o/api/v2.1/devices/{_sim.Fleet.Ids[0]}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<JsonElement> GetAsync(string value, string extra = "")
    {
        using var response = await _sim.Http.GetAsync($"/o/api/v2.1/devices/{value}?access_token=demo-token{extra}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpStatusCode> StatusAsync(string value, string extra = "")
    {
        using var response = await _sim.Http.GetAsync($"/o/api/v2.1/devices/{value}?access_token=demo-token{extra}");
        return response.StatusCode;
    }
}
