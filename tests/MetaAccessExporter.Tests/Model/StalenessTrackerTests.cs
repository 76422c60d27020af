using MetaAccessExporter.Model;

namespace MetaAccessExporter.Tests.Model;

public class StalenessTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Counts_equal_a_full_recount_after_many_random_updates()
    {
        var thresholds = StaleThreshold.ParseList("1h,1d");
        var tracker = new StalenessTracker(thresholds);
        var truth = new Dictionary<string, (string Group, DateTimeOffset Seen)>();
        var random = new Random(7);
        var now = T0;
        for (int step = 0; step < 5000; step++)
        {
            now += TimeSpan.FromSeconds(random.Next(0, 120));
            string id = $"d{random.Next(200)}";
            if (random.NextDouble() < 0.1)
            {
                tracker.Remove(id);
                truth.Remove(id);
            }
            else
            {
                var seen = now - TimeSpan.FromMinutes(random.Next(0, 3000));
                string group = random.Next(2) == 0 ? "a" : "b";
                tracker.Set(id, group, seen);
                truth[id] = (group, seen);
            }
            if (step % 250 == 0)
            {
                tracker.AdvanceTo(now);
                var expected = truth.Values
                    .SelectMany(d => Enumerable.Range(0, thresholds.Count).Where(t => now - d.Seen >= thresholds[t].Age)
                        .Select(t => (d.Group, t)))
                    .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
                tracker.StaleCounts.ToDictionary(s => (s.Group, s.Threshold), s => s.Count).Should().BeEquivalentTo(expected);
            }
        }
    }
}
