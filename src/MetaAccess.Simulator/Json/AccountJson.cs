using System.Text.Json;
using MetaAccess.Simulator.Fleet;

namespace MetaAccess.Simulator.Json;

/// <summary>
/// Account Details v3.1: the licence and the vendor's own totals, counted from the fleet at the moment of the call, so
/// they agree with the feeds unless <see cref="SimulatorFaults.AccountCountOffset"/> says otherwise.
/// </summary>
internal static class AccountJson
{
    // The words the page documents come first, even at 0; any other word the fleet has (pending) follows.
    private static readonly string[] DocumentedStatuses = ["compliant", "non-compliant", "exempted", "unknown"];
    private static readonly string[] DocumentedSeverities = ["critical", "warning", "no_issue"];

    public static byte[] Write(string name, int devicesAllowed, IReadOnlyList<SimulatedDevice> devices, int countOffset, int seed)
    {
        var byStatus = Count(devices.Select(d => d.Status));
        byStatus["compliant"] = Math.Max(0, byStatus.GetValueOrDefault("compliant") + countOffset);
        // This page spells the clean severity no_issue, where the device feeds say no_issues.
        var bySeverity = Count(devices.Select(d => d.Severity == "no_issues" ? "no_issue" : d.Severity));
        var byVulnerability = Count(devices.Select(d => VulnerabilitySeverity.Of(seed, d.DeviceId)));
        var vulnerabilityWords = VulnerabilitySeverity.Levels.Select(l => l.Severity).ToArray();

        return ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteNumber("devices_allowed", devicesAllowed);
            w.WriteNumber("devices_used", Math.Max(0, devices.Count + countOffset));
            WriteRows(w, "devices_by_status", "status", byStatus, DocumentedStatuses);
            WriteRows(w, "devices_by_issue_severity", "severity", bySeverity, DocumentedSeverities);
            WriteRows(w, "devices_by_vulnerability_severity", "severity", byVulnerability, vulnerabilityWords);
            w.WriteEndObject();
        });
    }

    private static Dictionary<string, int> Count(IEnumerable<string> words) =>
        words.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static void WriteRows(Utf8JsonWriter w, string name, string keyName, Dictionary<string, int> counts, string[] documented)
    {
        var others = counts.Keys.Except(documented, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        w.WriteStartArray(name);
        foreach (var key in documented.Concat(others))
        {
            w.WriteStartObject();
            w.WriteString(keyName, key);
            w.WriteNumber("number_of_devices", counts.GetValueOrDefault(key));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
