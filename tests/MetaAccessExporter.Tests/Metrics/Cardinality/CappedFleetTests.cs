using System.Text.RegularExpressions;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Cardinality;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Metrics.Cardinality;

/// <summary>
/// The fleet families of <c>/metrics</c> with their open labels held to a cap: no label has more values
/// than the cap, and every family still adds up to what the model holds.
/// </summary>
public class CappedFleetTests
{
    private static readonly IReadOnlyList<StaleThreshold> Thresholds = StaleThreshold.ParseList("1d,7d,30d");
    private static readonly Label[] Account = [new("account", "acme")];
    private static readonly IReadOnlyList<MetricFamily<FleetSnapshot>> Families =
        [.. FleetFamilies.Table, .. FleetFamilies.EnrichmentTable];

    private static readonly string[] GroupFamilies =
    [
        "metaaccess_devices", "metaaccess_issues", "metaaccess_critical_issues", "metaaccess_warning_issues",
        "metaaccess_devices_with_critical_issues", "metaaccess_devices_stale", "metaaccess_devices_infected", "metaaccess_threats",
    ];

    [Fact]
    public void An_account_with_a_thousand_groups_shows_at_most_the_cap_and_every_family_keeps_its_total()
    {
        var model = Model(RandomFleet(devices: 3000, groups: 1000, statuses: 4, severities: 3, categories: 6));

        var capped = Samples(Render(model, cap: 20));
        var whole = Samples(Render(model, cap: 100_000));

        foreach (var family in Families.Select(f => f.Name))
        {
            capped.Where(s => s.Family == family).Sum(s => s.Value)
                .Should().Be(whole.Where(s => s.Family == family).Sum(s => s.Value), $"{family} loses nothing to folding");
        }
        foreach (var family in GroupFamilies)
        {
            var groups = capped.Where(s => s.Family == family).Select(s => s.Labels["group"]).Distinct().ToList();
            groups.Should().HaveCountLessThanOrEqualTo(20, family).And.Contain("other");
            groups.Should().BeSubsetOf(GroupsOf(capped, "metaaccess_devices"), $"a group has series in every family or in none ({family})");
        }
        SumBy(capped, "metaaccess_devices", "status").Should().Equal(SumBy(whole, "metaaccess_devices", "status"),
            "folding groups moves no device to another status");
        SumBy(capped, "metaaccess_devices_stale", "older_than").Should().Equal(SumBy(whole, "metaaccess_devices_stale", "older_than"));
        whole.Where(s => s.Family == "metaaccess_devices").Select(s => s.Labels["group"]).Distinct()
            .Should().HaveCount(1000, "the fleet really has more groups than the cap");
    }

    [Fact]
    public void The_groups_with_most_devices_keep_their_series_and_the_fold_is_counted()
    {
        Device[] fleet =
        [
            .. Enumerable.Range(0, 5).Select(i => Devices.Make($"big-{i}", group: "Engineering")),
            .. Enumerable.Range(0, 3).Select(i => Devices.Make($"mid-{i}", group: "Sales")),
            Devices.Make("small-1", group: "Zürich"),
            Devices.Make("small-2", group: "HQ", status: "non_compliant", severity: "critical", total: 2, critical: 2),
        ];

        var scrape = Render(Model(fleet), cap: 3);

        Exposition.Family(scrape, "metaaccess_devices").Should().Be(Expected("""
            # HELP metaaccess_devices Devices in the model by group, compliance status and severity.
            # TYPE metaaccess_devices gauge
            metaaccess_devices{account="acme",group="Engineering",status="compliant",severity="none"} 5
            metaaccess_devices{account="acme",group="Sales",status="compliant",severity="none"} 3
            metaaccess_devices{account="acme",group="other",status="compliant",severity="none"} 1
            metaaccess_devices{account="acme",group="other",status="non_compliant",severity="critical"} 1
            """));
        Exposition.Family(scrape, "metaaccess_critical_issues").Should().Be(Expected("""
            # HELP metaaccess_critical_issues Sum of the devices' total critical issues, by group.
            # TYPE metaaccess_critical_issues gauge
            metaaccess_critical_issues{account="acme",group="Engineering"} 0
            metaaccess_critical_issues{account="acme",group="Sales"} 0
            metaaccess_critical_issues{account="acme",group="other"} 2
            """));
        Exposition.Family(scrape, "metaaccess_label_values_folded").Should().Be(Expected("""
            # HELP metaaccess_label_values_folded Values of the label summed under "other" on /metrics, because the model holds more than \
            Exporter:MaxLabelValues.
            # TYPE metaaccess_label_values_folded gauge
            metaaccess_label_values_folded{account="acme",label="group"} 2
            metaaccess_label_values_folded{account="acme",label="status"} 0
            metaaccess_label_values_folded{account="acme",label="severity"} 0
            metaaccess_label_values_folded{account="acme",label="category"} 0
            """));
    }

    [Fact]
    public void Stale_counts_of_folded_groups_add_up_with_their_thresholds_in_order()
    {
        Device[] fleet =
        [
            Devices.Make("a", group: "Engineering", lastSeen: Devices.Now.AddDays(-40)),
            Devices.Make("b", group: "Engineering", lastSeen: Devices.Now.AddDays(-2)),
            Devices.Make("c", group: "Sales", lastSeen: Devices.Now.AddDays(-8)),
            Devices.Make("d", group: "Zürich", lastSeen: Devices.Now.AddDays(-31)),
        ];

        var scrape = Render(Model(fleet), cap: 2);

        Exposition.Family(scrape, "metaaccess_devices_stale").Should().Be(Expected("""
            # HELP metaaccess_devices_stale Devices whose last_seen is older than the threshold at the time of the scrape, by group.
            # TYPE metaaccess_devices_stale gauge
            metaaccess_devices_stale{account="acme",group="Engineering",older_than="1d"} 2
            metaaccess_devices_stale{account="acme",group="Engineering",older_than="7d"} 1
            metaaccess_devices_stale{account="acme",group="Engineering",older_than="30d"} 1
            metaaccess_devices_stale{account="acme",group="other",older_than="1d"} 2
            metaaccess_devices_stale{account="acme",group="other",older_than="7d"} 2
            metaaccess_devices_stale{account="acme",group="other",older_than="30d"} 1
            """));
    }

    [Fact]
    public void Statuses_severities_and_categories_past_the_cap_fold_like_groups()
    {
        var model = Model(RandomFleet(devices: 2000, groups: 3, statuses: 12, severities: 7, categories: 30));

        var capped = Samples(Render(model, cap: 5));
        var whole = Samples(Render(model, cap: 100_000));

        foreach (var (family, label) in new[]
        {
            ("metaaccess_devices", "status"), ("metaaccess_devices", "severity"),
            ("metaaccess_devices_with_category_issue", "category"), ("metaaccess_devices_with_critical_category_issue", "category"),
        })
        {
            capped.Where(s => s.Family == family).Select(s => s.Labels[label]).Distinct()
                .Should().HaveCountLessThanOrEqualTo(5, $"{label} in {family}").And.Contain("other");
        }
        SumBy(capped, "metaaccess_devices", "group").Should().Equal(SumBy(whole, "metaaccess_devices", "group"),
            "folding statuses and severities moves no device to another group");
        capped.Where(s => s.Family == "metaaccess_devices_with_category_issue").Sum(s => s.Value)
            .Should().Be(whole.Where(s => s.Family == "metaaccess_devices_with_category_issue").Sum(s => s.Value));
        var folded = capped.Where(s => s.Family == "metaaccess_label_values_folded").ToDictionary(s => s.Labels["label"], s => s.Value);
        folded.Should().Equal(new Dictionary<string, double> { ["group"] = 0, ["status"] = 8, ["severity"] = 3, ["category"] = 26 });
    }

    [Fact]
    public void An_empty_model_shows_every_label_at_zero_and_the_limit()
    {
        var scrape = Render(Model([]), cap: 500);

        ExpositionFamilies.Only(scrape, ["metaaccess_label_values", "metaaccess_label_values_limit"]).Should().Be(Expected("""
            # HELP metaaccess_label_values Distinct values of the label in the model (group, status, severity, category).
            # TYPE metaaccess_label_values gauge
            metaaccess_label_values{account="acme",label="group"} 0
            metaaccess_label_values{account="acme",label="status"} 0
            metaaccess_label_values{account="acme",label="severity"} 0
            metaaccess_label_values{account="acme",label="category"} 0
            # HELP metaaccess_label_values_limit Exporter:MaxLabelValues: the most values a label has on /metrics, "other" included.
            # TYPE metaaccess_label_values_limit gauge
            metaaccess_label_values_limit{account="acme"} 500
            """));
    }

    private static DeviceModel Model(IEnumerable<Device> devices)
    {
        var model = new DeviceModel(Thresholds, [], new FakeTimeProvider(Devices.Now));
        model.Apply(devices, []);
        return model;
    }

    private static string Render(DeviceModel model, int cap)
    {
        var capped = new CappedFleet(model, cap, new FakeTimeProvider(Devices.Now)).Read();
        return Exposition.Render(writer =>
        {
            FamilyTable.Write(Families, capped.Fleet, writer, Account);
            FamilyTable.Write(LabelCapFamilies.Table, capped, writer, Account);
        });
    }

    private static string Expected(string text) => text.Replace("\\\n", "", StringComparison.Ordinal).ReplaceLineEndings("\n") + "\n";

    private static IEnumerable<Device> RandomFleet(int devices, int groups, int statuses, int severities, int categories)
    {
        var dice = new Random(14);
        for (int i = 0; i < devices; i++)
        {
            int critical = dice.Next(0, 3);
            var issues = Enumerable.Range(0, dice.Next(0, 4)).Select(_ => $"category-{dice.Next(categories)}").Distinct().ToArray();
            var details = new DeviceDetailsSummary(Devices.Now, false, issues, [.. issues.Take(critical)], dice.Next(0, 2));
            yield return Devices.Make($"d{i}", group: $"group-{i % groups}", status: $"status-{i % statuses}",
                severity: $"severity-{i % severities}", total: critical + 1, critical: critical, warning: 1,
                lastSeen: Devices.Now.AddHours(-dice.Next(0, 24 * 60)), details: details);
        }
    }

    private sealed record Sample(string Family, IReadOnlyDictionary<string, string> Labels, double Value);

    private static List<Sample> Samples(string scrape) =>
        [.. scrape.Split('\n').Select(line => Regex.Match(line, @"^(\w+)\{(.*)\} (\S+)$")).Where(m => m.Success)
            .Select(m => new Sample(m.Groups[1].Value,
                Regex.Matches(m.Groups[2].Value, "(\\w+)=\"([^\"]*)\"").ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
                double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    private static HashSet<string> GroupsOf(List<Sample> samples, string family) =>
        [.. samples.Where(s => s.Family == family).Select(s => s.Labels["group"])];

    private static List<KeyValuePair<string, double>> SumBy(List<Sample> samples, string family, string label) =>
        [.. samples.Where(s => s.Family == family).GroupBy(s => s.Labels[label])
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(s => s.Value))).OrderBy(p => p.Key, StringComparer.Ordinal)];
}
