using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Enrichment;

public class EnrichmentPlanTests
{
    private static readonly DateTimeOffset Now = Devices.Now;
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromHours(24);

    [Fact]
    public void New_or_changed_devices_come_first_then_critical_ones_then_the_longest_unrefreshed()
    {
        var devices = new[]
        {
            Fresh("fresh", fetchedHoursAgo: 1),
            Fresh("stale-old", fetchedHoursAgo: 50),
            Fresh("stale-critical", fetchedHoursAgo: 25, critical: 2),
            Fresh("stale-newer", fetchedHoursAgo: 30),
            Devices.Make("new"),
            Devices.Make("new-critical", critical: 1),
            Fresh("changed", fetchedHoursAgo: 2) with { ChangedAt = Now.AddHours(-1) },
        };

        var plan = EnrichmentPlan.For(devices, Now, RefreshAfter, batchSize: 10);

        plan.Batch.Should().Equal("new-critical", "changed", "new", "stale-critical", "stale-old", "stale-newer");
        plan.Progress.Pending.Should().Be(6);
        plan.Progress.CoverageRatio.Should().BeApproximately(1.0 / 7, 1e-9);
        plan.Progress.OldestAge.Should().Be(TimeSpan.FromHours(50));
        plan.NextDue.Should().Be(Now.AddHours(23), "the fresh device's details go stale then");
    }

    [Fact]
    public void Details_marked_unavailable_after_a_404_are_not_asked_again_before_refresh()
    {
        var device = Devices.Make("gone-from-api") with
        {
            ChangedAt = Now.AddHours(-1), Details = DeviceDetailsSummary.NotFound(Now.AddMinutes(-1)),
        };

        var plan = EnrichmentPlan.For([device], Now, RefreshAfter, batchSize: 10);

        plan.Batch.Should().BeEmpty();
        plan.Progress.Pending.Should().Be(0);
    }

    [Fact]
    public void The_batch_is_capped_and_an_empty_fleet_is_fully_covered()
    {
        EnrichmentPlan.For(Enumerable.Range(0, 50).Select(i => Devices.Make($"d{i}")).ToList(), Now, RefreshAfter, 20).Batch
            .Should().HaveCount(20);
        EnrichmentPlan.For([], Now, RefreshAfter, 20).Progress.CoverageRatio.Should().Be(1);
    }

    private static Device Fresh(string id, double fetchedHoursAgo, int critical = 0) =>
        Devices.Make(id, critical: critical) with
        {
            ChangedAt = Now.AddDays(-10),
            Details = new DeviceDetailsSummary(Now.AddHours(-fetchedHoursAgo), false, [], [], 0),
        };
}
