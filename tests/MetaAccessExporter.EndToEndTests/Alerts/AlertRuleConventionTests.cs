using System.Text.RegularExpressions;
using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Alerts;

/// <summary>What every alert must carry for the people it wakes up, and what its tests must cover.</summary>
public sealed partial class AlertRuleConventionTests
{
    public const string RunbookBase = "https://github.com/metaaccess-exporter/metaaccess-exporter/blob/main/docs/runbooks.md#";

    /// <summary>The alerts issues 6 and 15 ask for.</summary>
    public static readonly string[] RequiredAlerts =
    [
        "MetaAccessExporterDown", "MetaAccessSyncFailing", "MetaAccessSyncStale", "MetaAccessSyncGap", "MetaAccessApiThrottled",
        "MetaAccessAuthFailing", "MetaAccessNonCompliantShareHigh", "MetaAccessCriticalIssuesRising", "MetaAccessDevicesNotSeen",
        "MetaAccessInfectionFound", "MetaAccessModelDrift", "MetaAccessLicenceNearlyUsedUp", "MetaAccessInventoryPassOverdue",
        "MetaAccessEnrichmentOverdue", "MetaAccessRateLimitTakenByOthers",
    ];

    private static readonly string[] Severities = ["critical", "warning", "info"];

    /// <summary>Alertmanager's inhibition rules match on these.</summary>
    private static readonly string[] Components = ["exporter", "sync", "api", "fleet", "security"];

    public static TheoryData<string> AlertNames() => new(RuleFiles.Alerts().Select(a => a.Alert!));

    [Fact]
    public void The_required_alerts_exist_once_each()
    {
        var names = RuleFiles.Alerts().Select(a => a.Alert!).ToList();

        names.Should().OnlyHaveUniqueItems();
        names.Should().Contain(RequiredAlerts);
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Alert_has_severity_component_summary_description_and_runbook(string name)
    {
        var alert = RuleFiles.Alert(name);

        alert.Labels.Should().ContainKey("severity");
        Severities.Should().Contain(alert.Labels["severity"]);
        alert.Labels.Should().ContainKey("component");
        Components.Should().Contain(alert.Labels["component"]);
        alert.Annotations.Should().ContainKeys("summary", "description", "runbook_url");
        alert.Annotations["summary"].Should().NotBeNullOrWhiteSpace();
        alert.Annotations["description"].Should().NotBeNullOrWhiteSpace();
        if (!alert.Expr.TrimStart().StartsWith("absent(", StringComparison.Ordinal))
        {
            alert.Annotations["description"].Should().Contain("$labels.", "a description names the account, group or target it is about");
        }

        alert.Annotations["runbook_url"].Should().Be(RunbookBase + name.ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Alert_has_a_runbook_section(string name)
    {
        var anchors = RunbookHeading().Matches(File.ReadAllText(RepositoryPaths.Runbooks))
            .Select(m => GitHubAnchor(m.Groups["title"].Value))
            .ToHashSet();

        anchors.Should().Contain(name.ToLowerInvariant(), $"docs/runbooks.md needs a \"## {name}\" section for the alert's runbook_url");
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Alert_unit_tests_cover_firing_not_firing_and_the_for_boundary(string name)
    {
        var alert = RuleFiles.Alert(name);
        var checks = RuleFiles.UnitTests()
            .SelectMany(t => t.Case.AlertRuleTest.Where(a => a.Alertname == name).Select(a => (t.Case, Check: a)))
            .ToList();

        checks.Should().Contain(c => c.Check.ExpAlerts.Count > 0, $"some unit test must show {name} firing");
        checks.Should().Contain(c => c.Check.ExpAlerts.Count == 0, $"some unit test must show {name} not firing");

        if (alert.For is not null)
        {
            // One evaluation (1m in every test file) before a firing check, the same test expects nothing.
            var boundary = checks.Where(c => c.Check.ExpAlerts.Count > 0).Any(firing =>
                checks.Any(quiet => ReferenceEquals(quiet.Case, firing.Case) && quiet.Check.ExpAlerts.Count == 0
                    && RuleFiles.ParseDuration(firing.Check.EvalTime) - RuleFiles.ParseDuration(quiet.Check.EvalTime)
                        == TimeSpan.FromMinutes(1)));
            boundary.Should().BeTrue($"a unit test must pin {name}'s for: {alert.For} boundary (quiet one step before it fires)");
        }
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Alert_does_not_fire_in_a_prometheus_that_never_scraped_an_exporter(string name)
    {
        // absent(...) is true wherever the rules are loaded without an exporter (a central rule set).
        RuleFiles.Alert(name).Expr.Should().NotContain("absent(");
    }

    /// <summary>Fleet alerts read the model, which may miss devices while the sync gap is open.</summary>
    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Fleet_alert_that_reads_the_model_is_quiet_while_the_sync_gap_is_open(string name)
    {
        var alert = RuleFiles.Alert(name);
        if (alert.Labels["component"] != "fleet" || alert.Expr.Contains("metaaccess_account_devices_allowed", StringComparison.Ordinal))
        {
            return;
        }

        alert.Expr.Should().MatchRegex(@"unless on \(account\)\s*\(max by \(account\) \((max_over_time\()?metaaccess_sync_gap",
            "a fleet alert must stay quiet while metaaccess_sync_gap is 1");
    }

    public static TheoryData<string> RecordNames() =>
        new(RuleFiles.AllRules().Where(r => r.Rule.Record is not null).Select(r => r.Rule.Record!));

    /// <summary>https://prometheus.io/docs/practices/rules/: level:metric:operations, aggregations that keep job and instance.</summary>
    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Recording_rule_is_named_level_metric_operations_and_keeps_job_and_instance(string record)
    {
        var rule = RuleFiles.AllRules().Single(r => r.Rule.Record == record).Rule;

        record.Should().MatchRegex(@"^[a-z_]+:metaaccess_[a-z_]+:[a-z0-9_]+$");
        rule.Expr.Should().NotMatchRegex(@"\b(sum|max|min|avg|count) by\b",
            "aggregate `without` the labels dropped, keeping job and instance");
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes.</summary>
    private static string GitHubAnchor(string heading) =>
        Regex.Replace(heading.Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\s_-]", "").Replace(' ', '-');

    [GeneratedRegex(@"^#{2,3}\s+(?<title>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex RunbookHeading();
}
