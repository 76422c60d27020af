using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Alertmanager;

/// <summary>deploy/alertmanager/alertmanager.yml is valid and routes each severity where the header says.</summary>
public sealed class AlertmanagerConfigTests
{
    [RequiresToolsFact("amtool")]
    public async Task Config_passes_amtool_check_config()
    {
        var run = await ToolRun.RunAsync(Tools.Require("amtool"), ["check-config", RepositoryPaths.AlertmanagerConfig]);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("SUCCESS", run.ToString());
    }

    [RequiresToolsTheory("amtool")]
    [InlineData("MetaAccessExporterDown", "pager")]
    [InlineData("MetaAccessSyncFailing", "pager")]
    [InlineData("MetaAccessAuthFailing", "pager")]
    [InlineData("MetaAccessInfectionFound", "pager")]
    [InlineData("MetaAccessSyncStale", "chat")]
    [InlineData("MetaAccessApiThrottled", "chat")]
    [InlineData("MetaAccessNonCompliantShareHigh", "chat")]
    [InlineData("MetaAccessDevicesNotSeen", "low-priority")]
    [InlineData("MetaAccessModelDrift", "chat")]
    [InlineData("MetaAccessRateLimitTakenByOthers", "chat")]
    [InlineData("MetaAccessLabelValuesFolded", "low-priority")]
    public async Task Shipped_alert_is_routed_by_its_severity(string alertname, string receiver)
    {
        var labels = RuleFiles.Alert(alertname).Labels;

        var run = await RoutesTestAsync(receiver,
            [$"alertname={alertname}", $"severity={labels["severity"]}", $"component={labels["component"]}", "account=acme"]);

        run.ExitCode.Should().Be(0, $"{alertname} (severity {labels["severity"]}) should go to {receiver}\n{run}");
    }

    [RequiresToolsTheory("amtool")]
    [InlineData("critical", "pager")]
    [InlineData("warning", "chat")]
    [InlineData("info", "low-priority")]
    [InlineData("none", "chat")]
    public async Task Severity_routes_to_receiver(string severity, string receiver)
    {
        var run = await RoutesTestAsync(receiver, [$"severity={severity}", "alertname=Anything", "account=acme"]);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Trim().Split('\n').Should().Contain(receiver, run.ToString());
    }

    [RequiresToolsFact("amtool")]
    public async Task A_critical_alert_does_not_go_to_chat()
    {
        var run = await RoutesTestAsync("chat", ["severity=critical", "alertname=MetaAccessSyncFailing", "account=acme"]);

        run.ExitCode.Should().NotBe(0, $"--verify.receivers=chat must fail for a critical alert\n{run}");
    }

    [Fact]
    public void A_standing_infection_is_re_sent_daily_not_with_the_pager_s_hourly_repeat()
    {
        var config = new YamlDotNet.Serialization.DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, object>>(File.ReadAllText(RepositoryPaths.AlertmanagerConfig));
        var routes = ((List<object>)((Dictionary<object, object>)config["route"])["routes"]).Cast<Dictionary<object, object>>().ToList();
        var labels = RuleFiles.Alert("MetaAccessInfectionFound").Labels;

        // Alertmanager takes the first child route that matches (no `continue`).
        var first = routes.First(r => ((List<object>)r["matchers"]).Cast<string>().All(m => Matches(m, labels)));

        first["receiver"].Should().Be("pager");
        first["repeat_interval"].Should().Be("24h");
    }

    private static bool Matches(string matcher, IReadOnlyDictionary<string, string> labels)
    {
        var parts = matcher.Split('=', 2);
        return labels.TryGetValue(parts[0], out var value) && value == parts[1].Trim('"');
    }

    private static Task<ToolRun> RoutesTestAsync(string receiver, string[] labels) =>
        ToolRun.RunAsync(Tools.Require("amtool"),
        [
            "config", "routes", "test", $"--config.file={RepositoryPaths.AlertmanagerConfig}", $"--verify.receivers={receiver}",
            .. labels,
        ]);
}
