using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaAccess.Simulator.Tests.Endpoints;

public class StatusChangedValidationTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task A_missing_or_unknown_token_is_401_with_a_json_error(string? token)
    {
        using var response = await _sim.StatusChangedAsync(new { page = 1 }, token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_token");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task A_limit_outside_1_to_50_is_406(int limit)
    {
        using var response = await _sim.StatusChangedAsync(new { limit });

        response.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(86401)]
    public async Task An_age_outside_0_to_86400_is_400(int age)
    {
        using var response = await _sim.StatusChangedAsync(new { age });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_page_past_the_last_is_413_without_devices()
    {
        using var response = await _sim.StatusChangedAsync(new { page = 5, limit = 50 }); // 200 devices: 4 pages

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("device_id");
    }

    [Fact]
    public async Task Page_one_of_an_empty_window_is_200_with_both_arrays_empty()
    {
        _sim.Time.Advance(TimeSpan.FromSeconds(1));

        var page = await _sim.PageAsync(page: 1, age: 0);

        page.GetProperty("monitored_devices").GetArrayLength().Should().Be(0);
        page.GetProperty("deleted_devices").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task An_empty_body_uses_the_documented_defaults()
    {
        using var response = await _sim.Http.PostAsync(
            "/o/api/v3/devices/status_changed?access_token=demo-token", new StringContent(""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        page.GetProperty("monitored_devices").GetArrayLength().Should().Be(20);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400()
    {
        using var response = await _sim.Http.PostAsync(
            "/o/api/v3/devices/status_changed?access_token=demo-token", new StringContent("{age:"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
