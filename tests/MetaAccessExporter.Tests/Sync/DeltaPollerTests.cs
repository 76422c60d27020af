using System.Text.Json;
using MetaAccessExporter.Model;
using MetaAccessExporter.TestSupport.Pages;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Sync;

public sealed class DeltaPollerTests : IDisposable
{
    private const string Page = PageJson.Path;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(T0);
    private readonly string _state = Directory.CreateTempSubdirectory("metaaccess-state-").FullName;

    [Fact]
    public async Task A_fresh_start_watches_from_a_little_before_it_and_the_gap_stays_open_until_a_pass_lists_the_fleet()
    {
        ServePages(["A", "B"], ["C"]);
        ServeInventory("A", "B", "C", "OLD");
        using var sync = new SyncHarness(_api.Url!, _time);

        await sync.Poller.RunCycleAsync(CancellationToken.None);

        Requests().Select(r => (r.Age, r.Page, r.Limit, r.Verbose)).Should().Equal((120, 1, 2, 1), (120, 2, 2, 1));
        sync.Model.ListDevices().Select(d => d.Id).Should().BeEquivalentTo("A", "B", "C");
        sync.Status.Up.Should().BeTrue();
        sync.Checkpoint.Should().Be(new SyncCheckpoint(T0, Gap: true), "devices unchanged for a day are the inventory's to list");

        await sync.ListAsync();

        sync.Model.ListDevices().Select(d => d.Id).Should().BeEquivalentTo("A", "B", "C", "OLD");
        sync.Checkpoint.Should().Be(new SyncCheckpoint(T0, Gap: false), "the pass began after the watch did");
    }

    [Fact]
    public async Task The_next_window_starts_at_the_previous_cycles_start_minus_the_overlap()
    {
        ServePages(["A"]);
        using var sync = new SyncHarness(_api.Url!, _time);
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(60));

        await sync.Poller.RunCycleAsync(CancellationToken.None);

        Requests().Last().Age.Should().Be(60 + 120);
        sync.Checkpoint!.Watermark.Should().Be(T0.AddSeconds(60));
    }

    [Fact]
    public async Task Each_page_asks_for_the_age_of_the_fixed_window_start_at_its_own_time()
    {
        _api.Given(Request.Create().WithPath(Page).WithBody(b => b!.Contains("\"page\":1"))).RespondWith(Response.Create().WithCallback(_ =>
        {
            _time.Advance(TimeSpan.FromSeconds(7));
            return new WireMock.ResponseMessage { StatusCode = 200, BodyData = Body(["A", "B"]) };
        }));
        _api.Given(Request.Create().WithPath(Page).WithBody(b => b!.Contains("\"page\":2"))).RespondWith(Response.Create()
            .WithBody(PageJson.Empty));
        using var sync = new SyncHarness(_api.Url!, _time);
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(53));

        await sync.Poller.RunCycleAsync(CancellationToken.None);

        var ages = Requests().Skip(2).Select(r => r.Age).ToList();
        ages.Should().Equal(180, 187);
    }

    [Fact]
    public async Task A_walk_ends_on_413_when_the_last_page_was_full()
    {
        _api.Given(Request.Create().WithPath(Page).WithBody(b => b!.Contains("\"page\":1"))).RespondWith(Response.Create()
            .WithBody(PageJson.OfIds("A", "B")));
        _api.Given(Request.Create().WithPath(Page).WithBody(b => b!.Contains("\"page\":2")))
            .RespondWith(Response.Create().WithStatusCode(413));
        using var sync = new SyncHarness(_api.Url!, _time);

        await sync.Poller.RunCycleAsync(CancellationToken.None);

        sync.Status.Up.Should().BeTrue();
        sync.Model.Count.Should().Be(2);
    }

    [Fact]
    public async Task A_cycle_whose_page_fails_is_not_counted_complete_and_the_retry_reads_the_same_window()
    {
        ServePages(["A"]);
        using var sync = new SyncHarness(_api.Url!, _time);
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        _api.Reset();
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithStatusCode(502));
        _time.Advance(TimeSpan.FromSeconds(60));

        await FluentActions.Awaiting(() => sync.Poller.RunCycleAsync(CancellationToken.None))
            .Should().ThrowAsync<MetaAccessExporter.Api.MetaAccessApiException>();

        sync.Status.Should().Match<MetaAccessExporter.Sync.SyncStatus>(s => !s.Up && s.FailedCycles == 1 && s.LastError!.Contains("502"));
        sync.Checkpoint.Should().Be(new SyncCheckpoint(T0, Gap: true), "a failed cycle moves nothing");
        _api.Reset();
        ServePages(["B"]);
        _time.Advance(TimeSpan.FromSeconds(30));
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        Requests().Last().Age.Should().Be(90 + 120,
            "the failed cycle moved nothing: the window still starts at the last completed cycle's start");
        sync.Status.Up.Should().BeTrue();
    }

    [Fact]
    public async Task Away_longer_than_the_apis_day_opens_a_gap_reads_what_is_safe_and_leaves_the_rest_to_a_pass()
    {
        ServePages(["A"]);
        ServeInventory("A");
        using (var sync = new SyncHarness(_api.Url!, _time, _state))
        {
            await sync.Poller.RunCycleAsync(CancellationToken.None);
            await sync.ListAsync();
            sync.Checkpoint!.Gap.Should().BeFalse();
            await sync.StopAsync();
        }
        _time.Advance(TimeSpan.FromHours(30));
        var logs = new CapturedLogs();
        using var restarted = new SyncHarness(_api.Url!, _time, _state, logs);

        await restarted.StartAsync();
        restarted.Checkpoint.Should().Be(new SyncCheckpoint(T0, Gap: true));
        await restarted.StopAsync();
        await restarted.Poller.RunCycleAsync(CancellationToken.None);

        Requests().Last().Age.Should().Be(86400 - 1800, "entries must not age out under the walk: half an hour is kept in hand");
        restarted.Checkpoint!.Gap.Should().BeTrue("what changed before the window is the inventory's to list");
        logs.Lines.Count(l => l.Contains("Sync gap", StringComparison.Ordinal)).Should().Be(1, "the gap is logged once");
        await restarted.ListAsync();
        restarted.Checkpoint!.Gap.Should().BeFalse();
    }

    [Fact]
    public async Task A_saved_watermark_later_than_now_is_a_gap_and_the_watch_starts_again_from_now()
    {
        ServePages(["A"]);
        ServeInventory("A");
        using (var sync = new SyncHarness(_api.Url!, _time, _state))
        {
            await sync.Poller.RunCycleAsync(CancellationToken.None);
            await sync.ListAsync();
            await sync.StopAsync();
        }
        // The host's clock stepped back three hours while it was down.
        using var restarted = new SyncHarness(_api.Url!, new FakeTimeProvider(T0.AddHours(-3)), _state);

        await restarted.StartAsync();
        await restarted.StopAsync();
        await restarted.Poller.RunCycleAsync(CancellationToken.None);

        Requests().Last().Age.Should().Be(120, "a watermark in the future means the clock stepped back: nothing after it can be trusted");
        restarted.Checkpoint!.Gap.Should().BeTrue();
    }

    [Fact]
    public async Task A_walk_that_meets_a_device_twice_is_counted_and_its_window_read_again()
    {
        ServePages(["A", "B"], ["B", "C"], ["D"]);
        using var sync = new SyncHarness(_api.Url!, _time);
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(60));

        await sync.Poller.RunCycleAsync(CancellationToken.None);

        sync.Status.Rereads.Should().Be(2);
        Requests().Last().Age.Should().Be(60 + 120, "the watermark did not move past a walk the feed moved under");
    }

    [Fact]
    public async Task A_feed_that_moves_under_every_walk_is_read_again_three_times_then_left_to_a_pass_after_the_fourth()
    {
        ServePages(["A", "B"], ["B", "C"], ["D"]);
        ServeInventory("A", "B", "C", "D");
        using var sync = new SyncHarness(_api.Url!, _time);
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        await sync.ListAsync();
        sync.Checkpoint!.Gap.Should().BeFalse();

        for (int cycle = 0; cycle < 2; cycle++)
        {
            _time.Advance(TimeSpan.FromSeconds(60));
            await sync.Poller.RunCycleAsync(CancellationToken.None);
            sync.Checkpoint!.Gap.Should().BeFalse($"walk {cycle + 2} the feed moved under reads the window again");
        }
        _time.Advance(TimeSpan.FromSeconds(60));
        await sync.Poller.RunCycleAsync(CancellationToken.None);

        sync.Status.Rereads.Should().Be(4);
        sync.Checkpoint!.Gap.Should().BeTrue("the fourth walk in a row the feed moved under is left to the inventory");
        sync.Checkpoint!.Watermark.Should().Be(_time.GetUtcNow(), "the watch goes on from the latest cycle");
    }

    [Fact]
    public async Task A_restart_serves_the_saved_model_at_once_and_asks_only_for_what_it_missed()
    {
        ServePages(["A", "B"], ["C"]);
        ServeInventory("A", "B", "C");
        using (var first = new SyncHarness(_api.Url!, _time, _state))
        {
            await first.Poller.RunCycleAsync(CancellationToken.None);
            await first.ListAsync();
            await first.StopAsync();
        }
        _api.Reset();
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithStatusCode(503));
        _time.Advance(TimeSpan.FromMinutes(10));
        using var second = new SyncHarness(_api.Url!, _time, _state);

        await second.StartAsync();
        await second.StopAsync();

        second.Model.ListDevices().Select(d => d.Id).Should().BeEquivalentTo("A", "B", "C");
        second.Status.Up.Should().BeFalse();
        second.Checkpoint.Should().Be(new SyncCheckpoint(T0, Gap: false), "the saved checkpoint came back with the devices");
        _api.Reset();
        ServePages(["D"]);
        await second.Poller.RunCycleAsync(CancellationToken.None);
        Requests().Single().Age.Should().Be(600 + 120);
    }

    public void Dispose()
    {
        _api.Stop();
        Directory.Delete(_state, recursive: true);
    }

    /// <summary>An inventory listing <paramref name="ids"/> two a page (the harness's page size), cursor "1", "2", ...</summary>
    private void ServeInventory(params string[] ids)
    {
        var pages = ids.Chunk(2).ToList();
        for (int i = 0; i < pages.Count; i++)
        {
            string? sent = i == 0 ? null : $"\"token\":\"{i}\"";
            var page = InventoryJson.OfIds(i + 1 < pages.Count ? $"{i + 1}" : "", pages[i]);
            _api.Given(Request.Create().WithPath(InventoryJson.Path).WithBody(b => sent is null ? !b!.Contains("\"token\"")
                : b!.Contains(sent)))
                .RespondWith(Response.Create().WithBody(page));
        }
    }

    /// <summary>Serves the given pages in order, then a 413.</summary>
    private void ServePages(params string[][] pages)
    {
        for (int i = 0; i < pages.Length; i++)
        {
            string marker = $"\"page\":{i + 1},";
            _api.Given(Request.Create().WithPath(Page).WithBody(b => b!.Contains(marker))).RespondWith(Response.Create()
                .WithBody(PageJson.OfIds(pages[i])));
        }
        _api.Given(Request.Create().WithPath(Page)).AtPriority(100).RespondWith(Response.Create().WithStatusCode(413));
    }

    private static WireMock.Util.BodyData Body(string[] ids) => new()
    {
        BodyAsString = PageJson.OfIds(ids),
        DetectedBodyType = WireMock.Types.BodyType.String,
    };

    private List<(int Age, int Page, int Limit, int Verbose)> Requests() => _api.LogEntries
        .Where(e => e.RequestMessage.Path == Page)
        .OrderBy(e => e.RequestMessage.DateTime)
        .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement)
        .Select(b => (b.GetProperty("age").GetInt32(), b.GetProperty("page").GetInt32(), b.GetProperty("limit").GetInt32(),
            b.GetProperty("verbose").GetInt32()))
        .ToList();
}
