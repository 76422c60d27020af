using MetaAccessExporter.Inventory;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Inventory;

public sealed class InventoryPollerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public async Task A_pass_runs_at_start_again_at_once_after_a_gap_and_otherwise_only_when_refresh_after_comes_round()
    {
        ServeInventory("A", "B");
        using var sync = new SyncHarness(_api.Url!, _time);
        var inventory = sync.Get<InventoryHealth>();
        var completeness = sync.Get<Completeness>();
        completeness.WatchFrom(T0.AddMinutes(-2), changesMissed: true);
        completeness.Watched(T0);
        var poller = sync.Get<InventoryPoller>();

        await poller.StartAsync(CancellationToken.None);
        await Passes(inventory, 1, "the first pass runs at start");
        completeness.Current!.Gap.Should().BeFalse();

        _time.Advance(TimeSpan.FromHours(1));
        completeness.WatchFrom(_time.GetUtcNow(), changesMissed: true);
        await Passes(inventory, 2, "a gap the last pass cannot close starts one at the next recheck");
        completeness.Current!.Gap.Should().BeFalse();

        var second = inventory.Current.LastPassCompleted!.Value;
        _time.Advance(TimeSpan.FromHours(12));
        _time.Advance(TimeSpan.FromHours(12));
        await Passes(inventory, 3, "Inventory:RefreshAfter (a day) came round");
        await poller.StopAsync(CancellationToken.None);
        inventory.Current.LastPassCompleted.Should().BeOnOrAfter(second.AddHours(24),
            "no pass is due while every device was read within a day");
        inventory.Current.Should().BeEquivalentTo(new { PassesCompleted = 3L, LastPassListed = 2, Added = 2L, Removed = 0L });
        inventory.Current.PassStarted.Should().BeNull();
    }

    [Fact]
    public async Task A_failing_page_is_asked_for_again_from_the_same_cursor_and_the_pass_completes()
    {
        _api.Given(Request.Create().WithPath(InventoryJson.Path).WithBody(b => !b!.Contains("\"token\"")))
            .RespondWith(Response.Create().WithBody(InventoryJson.OfIds("page-2", "A", "B")));
        _api.Given(Request.Create().WithPath(InventoryJson.Path).WithBody(b => b!.Contains("\"token\":\"page-2\"")))
            .InScenario("flaky").WillSetStateTo("recovered").RespondWith(Response.Create().WithStatusCode(502));
        _api.Given(Request.Create().WithPath(InventoryJson.Path).WithBody(b => b!.Contains("\"token\":\"page-2\"")))
            .InScenario("flaky").WhenStateIs("recovered").RespondWith(Response.Create().WithBody(InventoryJson.OfIds("", "C")));
        var clock = new FakeClock(T0);
        using var sync = new SyncHarness(_api.Url!, clock);

        // The clock moves only while the pass waits (its backoff), never while a request is on the wire.
        (await clock.RunAsync(() => sync.Get<InventoryPoller>().RunPassAsync(CancellationToken.None))).Should().BeNull();

        sync.Model.ListDevices().Select(d => d.Id).Should().BeEquivalentTo("A", "B", "C");
        _api.LogEntries.Count(e => !e.RequestMessage.Body!.Contains("\"token\"")).Should().Be(1, "the pass went on, it did not start over");
        sync.Get<InventoryHealth>().Current.LastError.Should().BeNull();
    }

    [Fact]
    public async Task A_cursor_that_comes_back_gives_the_pass_up_and_removes_nothing()
    {
        _api.Given(Request.Create().WithPath(InventoryJson.Path).WithBody(b => !b!.Contains("\"token\"")))
            .RespondWith(Response.Create().WithBody(InventoryJson.OfIds("B", "A1", "A2")));
        _api.Given(Request.Create().WithPath(InventoryJson.Path).WithBody(b => b!.Contains("\"token\":\"B\"")))
            .RespondWith(Response.Create().WithBody(InventoryJson.OfIds("A", "B1")));
        _api.Given(Request.Create().WithPath(InventoryJson.Path).WithBody(b => b!.Contains("\"token\":\"A\"")))
            .RespondWith(Response.Create().WithBody(InventoryJson.OfIds("B", "C1")));
        var clock = new FakeClock(T0);
        using var sync = new SyncHarness(_api.Url!, clock);
        sync.Model.Apply([Devices.Make("known-before")], []);

        var failure = await clock.RunAsync(() => sync.Get<InventoryPoller>().RunPassAsync(CancellationToken.None));

        failure.Should().BeOfType<MetaAccessExporter.Api.MetaAccessApiException>().Which.Message.Should().Contain("came back");
        sync.Model.Find("known-before").Should().NotBeNull("a pass given up removes nothing it did not list");
        sync.Get<InventoryHealth>().Current.PassesCompleted.Should().Be(0);
    }

    public void Dispose() => _api.Stop();

    /// <summary>
    /// Waits for the count, nudging the clock half a minute at a time (the poller's recheck), so the test does
    /// not depend on whether the poller was already waiting when the clock last moved.
    /// </summary>
    private async Task Passes(InventoryHealth inventory, int count, string because) =>
        await Eventually.Async(() =>
        {
            if (inventory.Current.PassesCompleted >= count)
                return Task.FromResult(true);
            _time.Advance(TimeSpan.FromSeconds(30));
            return Task.FromResult(false);
        }, TimeSpan.FromSeconds(10), because);

    private void ServeInventory(params string[] ids) =>
        _api.Given(Request.Create().WithPath(InventoryJson.Path)).RespondWith(Response.Create().WithBody(InventoryJson.OfIds("", ids)));
}
