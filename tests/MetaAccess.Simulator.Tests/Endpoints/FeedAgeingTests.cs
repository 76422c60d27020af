namespace MetaAccess.Simulator.Tests.Endpoints;

/// <summary>The window is relative to each request's now: entries older than <c>now - age</c> leave it as the clock runs.</summary>
public class FeedAgeingTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    // Every device changed in the 23 hours before start, so the oldest start leaving the window an hour in.
    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync(o => o.StaleShare = 0);

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Entries_age_out_of_the_24_hour_window_as_the_clock_runs()
    {
        _sim.Time.Advance(TimeSpan.FromHours(3));

        var (monitored, _) = await _sim.WalkAsync();

        var since = _sim.Time.GetUtcNow().AddDays(-1);
        monitored.Should().Equal(_sim.Fleet.ByChange.Where(d => d.ChangedAt >= since).Select(d => d.DeviceId));
        monitored.Count.Should().BeInRange(160, 195, "the oldest 2 of the 23 hours have aged out");
    }

    [Fact]
    public async Task Ageing_during_an_ascending_walk_slides_unread_entries_onto_the_page_already_read()
    {
        var before = _sim.Fleet.ByChange;
        var page1 = SimulatorHarness.Ids(await _sim.PageAsync(page: 1), "monitored_devices");
        // Exactly the three oldest entries leave: the clock passes 24 hours after the third oldest change.
        var third = before[2].ChangedAt;
        _sim.Time.SetUtcNow(third + (before[3].ChangedAt - third) / 2 + TimeSpan.FromDays(1));

        var page2 = SimulatorHarness.Ids(await _sim.PageAsync(page: 2), "monitored_devices");

        page1.Should().Equal(before.Take(50).Select(d => d.DeviceId));
        page2.Should().Equal(before.Skip(53).Take(50).Select(d => d.DeviceId), "entries 51 to 53 moved onto page 1 unread");
    }

    [Fact]
    public async Task A_smaller_age_ages_entries_out_sooner()
    {
        var (sixHours, _) = await _sim.WalkAsync(age: 6 * 3600);

        var since = _sim.Time.GetUtcNow().AddHours(-6);
        sixHours.Should().Equal(_sim.Fleet.ByChange.Where(d => d.ChangedAt >= since).Select(d => d.DeviceId));
    }
}
