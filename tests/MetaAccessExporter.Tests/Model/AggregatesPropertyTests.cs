using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Model;

/// <summary>
/// The model keeps its aggregates incrementally, so every way a device can come, change and go must
/// leave them equal to a recount of the devices it holds: random sequences of page applies, deletions,
/// details, restores, inventory listings and reconciliations, on a clock that moves, checked after each step.
/// </summary>
public class AggregatesPropertyTests
{
    private static readonly IReadOnlyList<StaleThreshold> Thresholds = StaleThreshold.ParseList("1h,1d,7d");
    private static readonly string[] Groups = ["Finance", "Sales", "unassigned", "HQ \"Main\""];
    private static readonly string[] Statuses = ["compliant", "non_compliant", "exempted"];
    private static readonly string[] Severities = ["critical", "warning", "no_issues"];
    private static readonly string[] Categories = ["Antivirus", "Firewall", "Encryption"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Aggregates_always_equal_a_recount_of_the_devices(int seed)
    {
        var dice = new Random(seed);
        var time = new FakeTimeProvider(Devices.Now);
        var model = new DeviceModel(Thresholds, [], time);
        for (int step = 0; step < 60; step++)
        {
            var what = Step(model, dice, time);
            time.Advance(TimeSpan.FromMinutes(dice.Next(0, 600)));
            var now = time.GetUtcNow();
            model.Snapshot(now).Should().BeEquivalentTo(Recount(model.ListDevices(), now), o => o.WithStrictOrdering(),
                $"seed {seed}, step {step}: {what}");
        }
    }

    private static string Step(DeviceModel model, Random dice, FakeTimeProvider time)
    {
        var now = time.GetUtcNow();
        var ids = Enumerable.Range(0, dice.Next(1, 8)).Select(_ => $"d{dice.Next(30)}").ToArray();
        switch (dice.Next(6))
        {
            case 0:
                model.Apply(ids.Select(id => Device(id, dice, now)), []);
                return "apply";
            case 1:
                model.Apply(ids.Take(2).Select(id => Device(id, dice, now)), ids.Skip(2));
                return "apply with deletions";
            case 2:
                foreach (var id in ids)
                    model.SetDetails(id, Details(dice, now), now.AddMinutes(-dice.Next(0, 3000)));
                return "details";
            case 3:
                model.Restore(ids.Distinct().Select(id => Device(id, dice, now)));
                return "restore";
            case 4:
                model.ApplyListing(ids.Select(id => Listed(id, dice, now)), now.AddSeconds(-dice.Next(0, 120)));
                return "listing";
            default:
                model.RemoveUnlisted(ids.ToHashSet(), now.AddMinutes(-dice.Next(0, 600)));
                return "reconciliation";
        }
    }

    private static FleetSnapshot Recount(IReadOnlyList<Device> devices, DateTimeOffset now)
    {
        var withDetails = devices.Where(d => d.Details is { Unavailable: false }).ToList();
        return new FleetSnapshot(
            devices.Count,
            devices.GroupBy(d => (d.Group, d.Status, d.Severity))
                .Select(g => new DeviceCount(g.Key.Group, g.Key.Status, g.Key.Severity, g.Count()))
                .OrderBy(c => c.Group, StringComparer.Ordinal).ThenBy(c => c.Status, StringComparer.Ordinal)
                .ThenBy(c => c.Severity, StringComparer.Ordinal).ToArray(),
            devices.GroupBy(d => d.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new GroupSnapshot(
                g.Key, g.Count(), g.Sum(d => (long)d.TotalIssues), g.Sum(d => (long)d.CriticalIssues), g.Sum(d => (long)d.WarningIssues),
                g.Count(d => d.CriticalIssues > 0),
                g.Count(d => d.Details is { Unavailable: false, Threats: > 0 }),
                g.Sum(d => d.Details is { Unavailable: false } x ? (long)x.Threats : 0))).ToArray(),
            devices.SelectMany(d => Thresholds.Select((t, i) => (d, t, i)))
                .Where(x => x.d.LastSeen is { } seen && now - seen >= x.t.Age)
                .GroupBy(x => (x.d.Group, x.i)).OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.i)
                .Select(g => new StaleCount(g.Key.Group, Thresholds[g.Key.i].Label, g.Count())).ToArray(),
            Count(withDetails.SelectMany(d => d.Details!.IssueCategories)),
            Count(withDetails.SelectMany(d => d.Details!.CriticalIssueCategories)));
    }

    private static CategoryCount[] Count(IEnumerable<string> categories) =>
        categories.GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new CategoryCount(g.Key, g.Count())).ToArray();

    private static Device Device(string id, Random dice, DateTimeOffset now)
    {
        int critical = dice.Next(0, 3), warning = dice.Next(0, 3);
        return Devices.Make(id, Pick(Groups, dice), Pick(Statuses, dice), Pick(Severities, dice), critical + warning, critical, warning,
            dice.Next(4) == 0 ? null : now.AddMinutes(-dice.Next(0, 20_000))) with { ChangedAt = now };
    }

    private static ListedDevice Listed(string id, Random dice, DateTimeOffset now)
    {
        bool issues = dice.Next(2) == 0;
        return new ListedDevice(id, Pick(Statuses, dice), Pick(Severities, dice), dice.Next(3) == 0 ? null : Pick(Groups, dice),
            issues ? dice.Next(0, 5) : null, issues ? dice.Next(0, 2) : null, issues ? dice.Next(0, 3) : null,
            "host", "desktop", null, null, now.AddMinutes(-dice.Next(0, 20_000)));
    }

    private static DeviceDetailsSummary Details(Random dice, DateTimeOffset now) => dice.Next(5) == 0
        ? DeviceDetailsSummary.NotFound(now)
        : new DeviceDetailsSummary(now, false, Categories.Where(_ => dice.Next(2) == 0).ToArray(),
            Categories.Where(_ => dice.Next(4) == 0).ToArray(), dice.Next(0, 3));

    private static string Pick(string[] values, Random dice) => values[dice.Next(values.Length)];
}
