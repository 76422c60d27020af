using MetaAccessExporter.Model;

namespace MetaAccessExporter.Tests.Model;

public class CompletenessTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly Completeness _completeness = new();

    [Fact]
    public void A_fresh_start_is_not_ready_until_a_cycle_completes_and_has_a_gap_until_a_pass_lists_the_fleet()
    {
        _completeness.WatchFrom(T0.AddMinutes(-2), changesMissed: true);
        _completeness.Current.Should().BeNull("nothing was read yet");

        _completeness.Watched(T0);
        _completeness.Current.Should().Be(new SyncCheckpoint(T0, Gap: true));
        _completeness.NeedsListing.Should().BeTrue();

        _completeness.Listed(T0.AddSeconds(1));
        _completeness.Current.Should().Be(new SyncCheckpoint(T0, Gap: false));
        _completeness.NeedsListing.Should().BeFalse();
    }

    [Fact]
    public void A_pass_that_began_before_the_watch_cannot_close_the_gap()
    {
        _completeness.WatchFrom(T0, changesMissed: true);
        _completeness.Watched(T0.AddMinutes(1));

        _completeness.Listed(T0.AddSeconds(-1));

        _completeness.Current!.Gap.Should().BeTrue("a change between the pass reading a device and the watch beginning is in neither");
        _completeness.NeedsListing.Should().BeTrue();
    }

    [Fact]
    public void A_pass_that_completes_before_the_first_cycle_leaves_no_gap_once_the_cycle_completes()
    {
        _completeness.WatchFrom(T0, changesMissed: true);
        _completeness.Listed(T0.AddSeconds(5));

        _completeness.Watched(T0.AddMinutes(1));

        _completeness.Current.Should().Be(new SyncCheckpoint(T0.AddMinutes(1), Gap: false));
    }

    [Fact]
    public void A_watch_that_starts_anew_opens_the_gap_again_and_only_a_later_pass_closes_it()
    {
        _completeness.WatchFrom(T0, changesMissed: true);
        _completeness.Listed(T0.AddSeconds(1));
        _completeness.Watched(T0.AddMinutes(1));
        int moved = 0;
        _completeness.Moved += () => moved++;

        _completeness.WatchFrom(T0.AddHours(2), changesMissed: true);

        _completeness.Current!.Gap.Should().BeTrue();
        moved.Should().Be(1, "a gap found is worth saving");
        _completeness.Listed(T0.AddHours(1));
        _completeness.Current!.Gap.Should().BeTrue("that pass began before the watch started anew");
        _completeness.Listed(T0.AddHours(3));
        _completeness.Current!.Gap.Should().BeFalse();
    }

    [Fact]
    public void A_watch_started_anew_before_a_pass_that_already_ran_keeps_no_gap_unless_the_clock_stepped_back()
    {
        _completeness.WatchFrom(T0, changesMissed: true);
        _completeness.Watched(T0.AddMinutes(1));
        _completeness.Listed(T0.AddHours(2));

        _completeness.WatchFrom(T0.AddHours(1), changesMissed: true);
        _completeness.Current!.Gap.Should().BeFalse("the pass began after the new start and lists what the watch missed");

        _completeness.ForgetListings();
        _completeness.WatchFrom(T0.AddHours(1), changesMissed: true);
        _completeness.Current!.Gap.Should().BeTrue("after a clock step back no earlier pass can vouch for anything");
        _completeness.NeedsListing.Should().BeTrue();
    }

    [Fact]
    public void A_watch_that_goes_on_keeps_where_it_began()
    {
        _completeness.WatchFrom(T0, changesMissed: true);
        _completeness.Watched(T0.AddMinutes(1));

        _completeness.WatchFrom(T0.AddMinutes(10), changesMissed: false);
        _completeness.Listed(T0.AddMinutes(5));

        _completeness.Current!.Gap.Should().BeFalse("the watch has gone on since T0, before the pass began");
    }
}
