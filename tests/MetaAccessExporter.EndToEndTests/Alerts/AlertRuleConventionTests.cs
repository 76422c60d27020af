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

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes.</summary>
    private static string GitHubAnchor(string heading) =>
        Regex.Replace(heading.Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\s_-]", "").Replace(' ', '-');

    [GeneratedRegex(@"^#{2,3}\s+(?<title>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex RunbookHeading();
}
