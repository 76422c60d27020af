using Microsoft.Extensions.Time.Testing;

namespace MetaAccess.Simulator.Tests.Fleet;

public class SimulatedFleetTests
{
    private static readonly DateTimeOffset Start = SimulatorHarness.Start;

    private static SimulatedFleet NewFleet(
        FakeTimeProvider time, int seed = 42, TimeSpan? churn = null, int count = 3000, double staleShare = 0.4) =>
        new(new SimulatorOptions
        {
            Seed = seed, DeviceCount = count, MeanTimeBetweenChanges = churn ?? TimeSpan.Zero, StaleShare = staleShare,
        }, time);

    [Fact]
    public void Same_seed_gives_the_same_fleet_and_another_seed_a_different_one()
    {
        var first = NewFleet(new FakeTimeProvider(Start)).Snapshot();
        var second = NewFleet(new FakeTimeProvider(Start)).Snapshot();
        var other = NewFleet(new FakeTimeProvider(Start), seed: 7).Snapshot();

        first.Should().HaveCount(3000);
        first.SequenceEqual(second).Should().BeTrue();
        other.Select(d => d.DeviceId).Should().NotIntersectWith(first.Select(d => d.DeviceId));
    }

    [Fact]
    public void The_fleet_is_varied_like_a_real_one()
    {
        var devices = NewFleet(new FakeTimeProvider(Start)).Snapshot();

        Share(devices, d => d.Status == "compliant").Should().BeInRange(0.70, 0.80);
        devices.Select(d => d.Status).Distinct().Should().BeEquivalentTo(["compliant", "non-compliant", "exempted", "pending"]);
        devices.Select(d => d.Severity).Distinct().Should().BeEquivalentTo(["critical", "warning", "no_issues"]);
        devices.Select(d => d.GroupName).Should().Contain(["HQ \"Main\" Office", "Zürich", null]);
        devices.Select(d => d.GroupName).Distinct().Count().Should().BeGreaterThanOrEqualTo(8);
        devices.Select(d => d.OsFamily).Distinct().Should().BeEquivalentTo(["Windows", "macOS", "Linux", "iOS", "Android"]);
        Share(devices, d => d.IsPrivate).Should().BeInRange(0.01, 0.035);
        Share(devices, d => Start - d.LastSeen > TimeSpan.FromDays(1)).Should().BeInRange(0.12, 0.20);
        Share(devices, d => Start - d.LastSeen > TimeSpan.FromDays(7)).Should().BeInRange(0.07, 0.13);
        Share(devices, d => Start - d.LastSeen > TimeSpan.FromDays(30)).Should().BeInRange(0.025, 0.06);
        Share(devices, d => Start - d.LastSeen <= TimeSpan.FromHours(1)).Should().BeGreaterThan(0.5);
        Share(devices, d => d.IsInfected).Should().BeInRange(0.02, 0.06);
    }

    [Fact]
    public void A_share_of_the_fleet_last_changed_days_ago_the_rest_within_the_last_day_and_issues_add_up()
    {
        var devices = NewFleet(new FakeTimeProvider(Start)).Snapshot();

        Share(devices, d => d.ChangedAt < Start - TimeSpan.FromDays(1)).Should().BeInRange(0.37, 0.43);
        foreach (var device in devices)
        {
            var ago = Start - device.ChangedAt;
            (ago <= TimeSpan.FromHours(23.01) || (ago >= TimeSpan.FromDays(2) && ago <= TimeSpan.FromDays(40))).Should().BeTrue();
            device.LastSeenAtChange.Should().BeOnOrBefore(device.ChangedAt).And.BeOnOrBefore(device.LastSeen);
            device.EnrolledAt.Should().BeOnOrBefore(device.LastSeenAtChange);
            device.TotalIssues.Should().Be(device.CriticalIssues + device.WarningIssues);
            device.IssueCategories.Should().HaveCount(device.TotalIssues);
            device.IssueCategories.Count(c => c.Critical).Should().Be(device.CriticalIssues);
            device.Severity.Should().Be(device.CriticalIssues > 0 ? "critical" : device.WarningIssues > 0 ? "warning" : "no_issues");
        }
    }

    [Fact]
    public void Days_old_devices_mostly_still_report_and_some_have_been_silent_for_weeks()
    {
        var old = NewFleet(new FakeTimeProvider(Start)).Snapshot().Where(d => d.ChangedAt < Start - TimeSpan.FromDays(1)).ToList();

        Share(old, d => Start - d.LastSeen <= TimeSpan.FromHours(1)).Should().BeInRange(0.4, 0.6);
        Share(old, d => Start - d.LastSeen > TimeSpan.FromDays(7)).Should().BeInRange(0.12, 0.28);
        old.Should().Contain(d => Start - d.LastSeen > TimeSpan.FromDays(30));
    }

    [Fact]
    public void The_stale_share_moves_devices_back_in_time_and_changes_nothing_else()
    {
        var hard = NewFleet(new FakeTimeProvider(Start)).Snapshot();
        var recent = NewFleet(new FakeTimeProvider(Start), staleShare: 0).Snapshot();

        recent.Should().OnlyContain(d => d.ChangedAt > Start - TimeSpan.FromHours(23.01), "the whole fleet changed in the last day");
        hard.Select(d => (d.DeviceId, d.Status, d.Severity, d.TotalIssues, d.GroupName))
            .Should().Equal(recent.Select(d => (d.DeviceId, d.Status, d.Severity, d.TotalIssues, d.GroupName)));
    }

    [Fact]
    public void The_inventory_lists_devices_by_enrolment_and_a_new_one_last()
    {
        var time = new FakeTimeProvider(Start);
        var fleet = NewFleet(time, count: 300);
        time.Advance(TimeSpan.FromMinutes(1));

        var added = fleet.Add();
        var inventory = fleet.Inventory();

        inventory.Select(d => d.EnrolledAt).Should().BeInAscendingOrder();
        inventory.Should().HaveCount(301);
        inventory[^1].Should().Be(added);
        added.EnrolledAt.Should().Be(time.GetUtcNow());
        inventory.Select(d => d.EnrolledAt).Distinct().Count().Should().BeGreaterThan(250, "enrolments are spread over two years");
    }

    [Fact]
    public void Churn_is_deterministic_and_applied_only_when_time_passes()
    {
        var timeA = new FakeTimeProvider(Start);
        var timeB = new FakeTimeProvider(Start);
        var a = NewFleet(timeA, churn: TimeSpan.FromSeconds(5), count: 500);
        var b = NewFleet(timeB, churn: TimeSpan.FromSeconds(5), count: 500);
        var before = a.Snapshot();

        a.Snapshot().SequenceEqual(before).Should().BeTrue("no time passed");
        timeA.Advance(TimeSpan.FromMinutes(30));
        timeB.Advance(TimeSpan.FromMinutes(30));
        var after = a.Snapshot();

        after.SequenceEqual(b.Snapshot()).Should().BeTrue();
        var changed = after.Where(d => d.ChangedAt > Start).ToList();
        changed.Count.Should().BeInRange(150, 400, "about 260 re-evaluations and enrolments in 30 minutes");
        changed.Should().OnlyContain(d => d.ChangedAt <= Start + TimeSpan.FromMinutes(30));
        after.Where(d => d.LastSeen > Start && d.ChangedAt <= Start).Should().NotBeEmpty("agents reported without a status change");
    }

    [Fact]
    public void Changes_made_by_tests_are_timestamped_now()
    {
        var time = new FakeTimeProvider(Start);
        var fleet = NewFleet(time, count: 10);
        var id = fleet.Snapshot()[0].DeviceId;
        time.Advance(TimeSpan.FromMinutes(5));

        fleet.SetStatus(id, "non-compliant", "critical");
        var added = fleet.Add(d => d with { GroupName = null, Status = "pending" });

        fleet.Find(id)!.Should().Match<SimulatedDevice>(d => d.Status == "non-compliant" && d.ChangedAt == time.GetUtcNow());
        added.ChangedAt.Should().Be(time.GetUtcNow());
        added.GroupName.Should().BeNull();
        fleet.Count.Should().Be(11);
        fleet.Delete(id).Should().BeTrue();
        fleet.Delete(id).Should().BeFalse();
        fleet.Find(id).Should().BeNull();
        fleet.Invoking(f => f.SetStatus("nope", "compliant", "none")).Should().Throw<KeyNotFoundException>();
        fleet.Invoking(f => f.CheckIn("nope")).Should().Throw<KeyNotFoundException>();
        fleet.Departures().Should().ContainSingle().Which.Should().Match<DeletedDevice>(d => d.DeviceId == id && !d.Silent);
    }

    [Fact]
    public void A_check_in_moves_last_seen_only()
    {
        var time = new FakeTimeProvider(Start);
        var fleet = NewFleet(time, count: 10);
        var before = fleet.Snapshot()[0];
        time.Advance(TimeSpan.FromMinutes(5));

        fleet.CheckIn(before.DeviceId);

        fleet.Find(before.DeviceId).Should().Be(before with { LastSeen = time.GetUtcNow() });
    }

    private static double Share(IReadOnlyList<SimulatedDevice> devices, Func<SimulatedDevice, bool> predicate) =>
        devices.Count(predicate) / (double)devices.Count;
}
