using System.Text.Json;
using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Alertmanager;

/// <summary>
/// The inhibition rules of the shipped configuration, proven on a real Alertmanager: alerts are posted
/// with the labels the shipped rules give them, and /api/v2/alerts must report the target as inhibited.
/// Each test uses its own account so the tests cannot see each other's alerts.
/// </summary>
public sealed class InhibitionTests(AlertmanagerFixture alertmanager) : IClassFixture<AlertmanagerFixture>
{
    [RequiresToolsFact("alertmanager")]
    public async Task Failing_sync_silences_the_fleet_alerts_of_its_account_only()
    {
        await alertmanager.EnsureStartedAsync();
        var account = Account();
        var other = Account();

        await alertmanager.PostAsync(
            Labels("MetaAccessSyncFailing", account),
            Labels("MetaAccessDevicesNotSeen", account, group: "Laptops"),
            Labels("MetaAccessNonCompliantShareHigh", account),
            Labels("MetaAccessSyncStale", account),
            Labels("MetaAccessDevicesNotSeen", other, group: "Laptops"));

        await ExpectInhibitedAsync(account, "MetaAccessDevicesNotSeen", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessNonCompliantShareHigh", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessSyncStale", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessSyncFailing", inhibited: false);
        await ExpectInhibitedAsync(other, "MetaAccessDevicesNotSeen", inhibited: false);
    }

    [RequiresToolsFact("alertmanager")]
    public async Task Failing_sync_does_not_silence_an_infection()
    {
        await alertmanager.EnsureStartedAsync();
        var account = Account();

        await alertmanager.PostAsync(
            Labels("MetaAccessSyncFailing", account),
            Labels("MetaAccessInfectionFound", account, group: "Servers"),
            Labels("MetaAccessDevicesNotSeen", account, group: "Servers"));

        // Wait for the inhibition to be in force before asserting that the infection escaped it.
        await ExpectInhibitedAsync(account, "MetaAccessDevicesNotSeen", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessInfectionFound", inhibited: false);
    }

    [RequiresToolsFact("alertmanager")]
    public async Task Exporter_down_silences_the_sync_api_and_fleet_alerts_of_its_account()
    {
        await alertmanager.EnsureStartedAsync();
        var account = Account();

        await alertmanager.PostAsync(
            Labels("MetaAccessExporterDown", account, extra: new() { ["job"] = "metaaccess", ["instance"] = "exporter:9713" }),
            Labels("MetaAccessSyncFailing", account),
            Labels("MetaAccessApiThrottled", account),
            Labels("MetaAccessCriticalIssuesRising", account));

        await ExpectInhibitedAsync(account, "MetaAccessSyncFailing", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessApiThrottled", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessCriticalIssuesRising", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessExporterDown", inhibited: false);
    }

    [RequiresToolsFact("alertmanager")]
    public async Task Failing_authentication_pages_instead_of_the_failing_sync_it_causes()
    {
        await alertmanager.EnsureStartedAsync();
        var account = Account();

        await alertmanager.PostAsync(Labels("MetaAccessAuthFailing", account), Labels("MetaAccessSyncFailing", account));

        await ExpectInhibitedAsync(account, "MetaAccessSyncFailing", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessAuthFailing", inhibited: false);
    }

    [RequiresToolsFact("alertmanager")]
    public async Task Rate_limit_taken_by_others_is_notified_instead_of_the_delays_it_causes()
    {
        await alertmanager.EnsureStartedAsync();
        var account = Account();

        await alertmanager.PostAsync(
            Labels("MetaAccessRateLimitTakenByOthers", account),
            Labels("MetaAccessSyncStale", account),
            Labels("MetaAccessInventoryPassOverdue", account),
            Labels("MetaAccessEnrichmentOverdue", account),
            Labels("MetaAccessSyncGap", account));

        await ExpectInhibitedAsync(account, "MetaAccessSyncStale", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessInventoryPassOverdue", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessEnrichmentOverdue", inhibited: true);
        await ExpectInhibitedAsync(account, "MetaAccessSyncGap", inhibited: false);
        await ExpectInhibitedAsync(account, "MetaAccessRateLimitTakenByOthers", inhibited: false);
    }

    [RequiresToolsFact("alertmanager")]
    public async Task Exporter_down_silences_the_absent_alert_of_its_own_job_only()
    {
        await alertmanager.EnsureStartedAsync();
        var account = Account();
        var job = "metaaccess-" + account;

        await alertmanager.PostAsync(
            Labels("MetaAccessExporterDown", account, extra: new() { ["job"] = job, ["instance"] = "exporter:9713" }),
            Labels("MetaAccessExporterAbsent", account, extra: new() { ["job"] = job }),
            Labels("MetaAccessExporterAbsent", account, extra: new() { ["job"] = job + "-other" }));

        await Eventually.SucceedsAsync("the absent alert of the down exporter's job only to be inhibited", async () =>
        {
            var absent = (await alertmanager.AlertsAsync(account))
                .Where(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "MetaAccessExporterAbsent")
                .ToDictionary(a => a.GetProperty("labels").GetProperty("job").GetString()!,
                    a => a.GetProperty("status").GetProperty("inhibitedBy").GetArrayLength() > 0);
            return absent.Count == 2 && absent[job] && !absent[job + "-other"]
                ? null
                : string.Join(", ", absent.Select(kv => $"{kv.Key}: inhibited {kv.Value}"));
        });
    }

    private static string Account() => "e2e-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The labels the shipped rule gives the alert, plus the ones its expression carries.</summary>
    private static Dictionary<string, string> Labels(
        string alertname, string account, string? group = null, Dictionary<string, string>? extra = null)
    {
        var labels = new Dictionary<string, string>(RuleFiles.Alert(alertname).Labels) { ["alertname"] = alertname, ["account"] = account };
        if (group is not null)
        {
            labels["group"] = group;
        }

        foreach (var (key, value) in extra ?? [])
        {
            labels[key] = value;
        }

        return labels;
    }

    /// <summary>Inhibition is computed asynchronously after a POST: poll until the expected state shows.</summary>
    private Task ExpectInhibitedAsync(string account, string alertname, bool inhibited)
    {
        var last = "";
        return Eventually.SucceedsAsync($"{alertname} of {account} to be {(inhibited ? "" : "not ")}inhibited", async () =>
        {
            var alerts = await alertmanager.AlertsAsync(account);
            last = string.Join("\n", alerts.Select(a => a.GetRawText()));
            var alert = alerts.FirstOrDefault(a => a.GetProperty("labels").GetProperty("alertname").GetString() == alertname);
            if (alert.ValueKind == JsonValueKind.Undefined)
            {
                return "not received yet";
            }

            var inhibitedBy = alert.GetProperty("status").GetProperty("inhibitedBy").GetArrayLength();
            var state = alert.GetProperty("status").GetProperty("state").GetString();
            return (inhibitedBy > 0) == inhibited && (state == "suppressed") == inhibited
                ? null
                : $"state {state}, inhibitedBy {inhibitedBy}";
        }, () => $"alerts of {account}:\n{last}\n{alertmanager.Describe()}", deadline: inhibited ? TimeSpan.FromSeconds(30)
            : TimeSpan.FromSeconds(5));
    }
}
