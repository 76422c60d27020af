using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Dashboards;

/// <summary>The dashboards import into any Grafana with any Prometheus datasource, and every variable they use resolves.</summary>
public sealed partial class DashboardStructureTests
{
    private static readonly string[] RequiredDashboards = ["fleet-compliance.json", "exporter-health.json"];

    public static TheoryData<string> DashboardNames() => new(RepositoryPaths.DashboardFiles.Select(Path.GetFileName).OfType<string>());

    [Fact]
    public void Both_dashboards_ship_with_distinct_stable_uids()
    {
        var dashboards = DashboardFile.All();

        dashboards.Select(d => d.Name).Should().Contain(RequiredDashboards);
        var uids = dashboards.Select(d => (string?)d.Root["uid"]).ToList();
        uids.Should().OnlyHaveUniqueItems().And.AllSatisfy(uid => uid.Should().MatchRegex("^[a-z0-9-]{1,40}$",
            "a uid is stable, short and URL-safe"));
        dashboards.Select(d => (string?)d.Root["title"]).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void Dashboard_is_current_grafana_json(string name)
    {
        var dashboard = Load(name);

        ((int?)dashboard.Root["schemaVersion"]).Should().BeGreaterThanOrEqualTo(39);
        dashboard.Root["id"].Should().BeNull("an exported dashboard carries no database id");
        dashboard.Panels().Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void Panel_ids_are_unique_and_panels_fit_the_grid(string name)
    {
        var panels = Load(name).Panels().ToList();

        panels.Select(p => (int?)p["id"]).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        foreach (var panel in panels)
        {
            var grid = panel["gridPos"]!.AsObject();
            ((int)grid["x"]! + (int)grid["w"]!).Should().BeLessThanOrEqualTo(24, $"panel \"{panel["title"]}\" must fit in 24 columns");
            ((string?)panel["title"]).Should().NotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void Datasource_is_a_prometheus_variable_and_nothing_is_hard_coded(string name)
    {
        var dashboard = Load(name);

        var datasource = dashboard.Variables().SingleOrDefault(v => (string?)v["name"] == "datasource");
        datasource.Should().NotBeNull("the dashboard needs a datasource variable");
        ((string?)datasource!["type"]).Should().Be("datasource");
        ((string?)datasource["query"]).Should().Be("prometheus");

        var users = dashboard.Panels().Where(p => p["targets"] is not null).Cast<JsonObject>()
            .Concat(dashboard.Panels().SelectMany(p => p["targets"]?.AsArray().OfType<JsonObject>() ?? []))
            .Concat(dashboard.Variables().Where(v => (string?)v["type"] == "query"))
            .Concat(dashboard.Root["annotations"]?["list"]?.AsArray().OfType<JsonObject>() ?? []);
        foreach (var user in users)
        {
            var where = $"{user["title"] ?? user["name"] ?? user["refId"]}";
            var ds = user["datasource"];
            ds.Should().NotBeNull($"{where} must name its datasource");
            ((string?)ds!["uid"]).Should().Be("${datasource}", $"{where} must use the datasource variable");
            ((string?)ds["type"]).Should().Be("prometheus", where);
        }

        foreach (var (path, node) in DatasourceReferences(dashboard.Root, "$"))
        {
            ((string?)node?["uid"]).Should().Be("${datasource}", $"{path} must not hard-code a datasource");
        }
    }

    /// <summary>Every "datasource" property anywhere in the document, with its JSON path.</summary>
    private static IEnumerable<(string Path, JsonNode? Node)> DatasourceReferences(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "datasource")
                    {
                        yield return ($"{path}.{key}", value);
                    }
                    else
                    {
                        foreach (var found in DatasourceReferences(value, $"{path}.{key}"))
                        {
                            yield return found;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in DatasourceReferences(array[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void Account_and_group_are_multi_value_query_variables_on_label_values(string name)
    {
        var dashboard = Load(name);

        foreach (var variableName in new[] { "account", "group" })
        {
            var variable = dashboard.Variables().SingleOrDefault(v => (string?)v["name"] == variableName);
            variable.Should().NotBeNull($"{name} needs an ${variableName} variable");
            ((string?)variable!["type"]).Should().Be("query");
            DashboardFile.VariableQuery(variable).Should().StartWith("label_values(").And.EndWith($", {variableName})");
            ((bool?)variable["includeAll"]).Should().BeTrue();
            ((bool?)variable["multi"]).Should().BeTrue();
            ((string?)variable["allValue"]).Should().Be(".*", "an All selection must work with =~ filters");
        }
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void Every_variable_a_query_uses_is_defined(string name)
    {
        var dashboard = Load(name);
        var defined = dashboard.VariableNames().ToHashSet();

        foreach (var (where, expr) in dashboard.Expressions().Concat(dashboard.Variables().Select(v => ($"variable {v["name"]}",
            DashboardFile.VariableQuery(v) ?? ""))))
        {
            DashboardFile.ReferencedVariables(expr).Should().BeSubsetOf(defined, $"{where} uses only defined variables: {expr}");
        }
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void Every_metaaccess_query_filters_on_the_account_variable(string name)
    {
        foreach (var (where, expr) in Load(name).Expressions().Where(e => !e.Where.Contains("variable $account", StringComparison.Ordinal)))
        {
            if (MetricName().IsMatch(expr))
            {
                expr.Should().Contain("account=~\"$account\"", $"{where} must honour the account selection (multi-instance dashboards)");
            }
        }
    }

    [Fact]
    public void Every_metric_used_by_dashboards_and_rules_is_documented()
    {
        var documented = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "metrics.md"));
        var used = DashboardFile.All().SelectMany(d => d.Expressions().Select(e => e.Expr))
            .Concat(RuleFiles.AllRules().Select(r => r.Rule.Expr))
            .SelectMany(expr => MetricName().Matches(expr).Select(m => m.Value))
            .Distinct()
            .ToList();

        used.Should().NotBeEmpty();
        foreach (var metric in used)
        {
            documented.Should().Contain($"`{metric}`", $"docs/metrics.md must document {metric}, which a dashboard or rule uses");
        }
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void Stat_and_gauge_panels_show_the_value_now_not_the_last_of_a_vanished_series(string name)
    {
        foreach (var panel in Load(name).Panels().Where(p => (string?)p["type"] is "stat" or "gauge"))
        {
            foreach (var target in panel["targets"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                ((bool?)target["instant"]).Should().BeTrue(
                    $"panel \"{panel["title"]}\" must query the value now: over a range, lastNotNull keeps showing a series that is gone");
                ((bool?)target["range"]).Should().NotBe(true, $"panel \"{panel["title"]}\"");
            }
        }
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void No_query_turns_missing_data_into_a_constant(string name)
    {
        foreach (var (where, expr) in Load(name).Expressions())
        {
            expr.Should().NotMatchRegex(@"or\s+vector\s*\(", $"{where}: a missing series must show as missing, not as 0");
        }
    }

    [Fact]
    public void Exporter_health_shows_and_graphs_prometheus_up()
    {
        var panels = Load("exporter-health.json").Panels()
            .Where(p => p["targets"]?.AsArray().OfType<JsonObject>().Any(t => UpMetric().IsMatch((string?)t["expr"] ?? "")) == true)
            .Select(p => (string?)p["type"])
            .ToList();

        panels.Should().Contain("stat").And.Contain("timeseries", "a down exporter shows as DOWN now and as a dip over time");
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void Rates_per_minute_have_per_minute_units(string name)
    {
        foreach (var panel in Load(name).Panels())
        {
            var exprs = panel["targets"]?.AsArray().OfType<JsonObject>().Select(t => (string?)t["expr"] ?? "").ToList() ?? [];
            var perMinute = exprs.Count > 0
                && exprs.All(e => e.Contains("rate(", StringComparison.Ordinal) && e.TrimEnd().EndsWith("* 60", StringComparison.Ordinal));
            if (perMinute)
            {
                ((string?)panel["fieldConfig"]?["defaults"]?["unit"]).Should().BeOneOf(["reqpm", "opm"],
                    $"panel \"{panel["title"]}\" shows a rate per minute");
            }
        }
    }

    [Theory]
    [MemberData(nameof(DashboardNames))]
    public void Runbook_links_point_at_sections_of_the_runbooks(string name)
    {
        var dashboard = Load(name);
        var anchors = File.ReadLines(Path.Combine(RepositoryPaths.Root, "docs", "runbooks.md"))
            .Where(line => line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => HeadingPunctuation().Replace(line[3..].Trim().ToLowerInvariant(), "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

        var urls = Links(dashboard.Root).Where(url => url.Contains("runbooks.md", StringComparison.Ordinal)).ToList();
        dashboard.Root["links"]!.AsArray().Select(l => (string?)l?["url"] ?? "")
            .Should().Contain(url => url.EndsWith("runbooks.md", StringComparison.Ordinal), "every dashboard links to the runbooks");
        foreach (var url in urls.Where(u => u.Contains('#', StringComparison.Ordinal) && !u.Contains("${", StringComparison.Ordinal)))
        {
            var anchor = url[(url.IndexOf('#', StringComparison.Ordinal) + 1)..];
            anchors.Should().Contain(anchor, $"{url} must lead to a section of docs/runbooks.md");
        }
    }

    /// <summary>The url of every link anywhere in the document: dashboard, panel and data links.</summary>
    private static IEnumerable<string> Links(JsonNode? node) => node switch
    {
        JsonObject obj => (obj["url"] is JsonValue url && url.TryGetValue<string>(out var u) ? [u] : Array.Empty<string>())
            .Concat(obj.SelectMany(kv => Links(kv.Value))),
        JsonArray array => array.SelectMany(Links),
        _ => [],
    };

    private static DashboardFile Load(string name) => DashboardFile.Load(Path.Combine(RepositoryPaths.Dashboards, name));

    [GeneratedRegex(@"(?<![:\w])metaaccess_\w+(?![\w:])")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"(?<![:\w])up(?![\w:(])")]
    private static partial Regex UpMetric();

    [GeneratedRegex(@"[^a-z0-9 \-]")]
    private static partial Regex HeadingPunctuation();
}
