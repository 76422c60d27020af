using System.Text.Json;
using MetaAccess.Simulator.Fleet;

namespace MetaAccess.Simulator.Json;

/// <summary>A Device Details v2.1 answer, shaped like seed 001 and consistent with the device's issues.</summary>
internal static class DeviceDetailsJson
{
    public static byte[] Write(SimulatedDevice d, DateTimeOffset now) => ApiJson.Write(w =>
    {
        var os = ApiJson.Os(d);
        w.WriteStartObject();
        w.WriteString("hwid", d.DeviceId);
        // The documented value lists are empty; this mapping is our guess (0 compliant, 1 not, 2 pending).
        w.WriteNumber("status", d.Status switch { "non-compliant" => 1, "pending" => 2, _ => 0 });
        w.WriteNumber("critical_status", d.CriticalIssues > 0 ? 1 : 0);
        w.WriteNumber("total_issue", d.TotalIssues);
        w.WriteNumber("total_critical_issue", d.CriticalIssues);
        w.WriteNumber("exempt", d.Status == "exempted" ? 1 : 0);
        if (!d.IsPrivate)
        {
            w.WriteString("hostname", d.DeviceName);
        }

        w.WriteString("country", d.Country);
        w.WriteString("machine_type", d.DeviceType);
        w.WriteString("agent_version", d.AgentVersion);
        // "active" is undocumented beyond its name; we call a device inactive once unseen for two days.
        w.WriteNumber("active", now - d.LastSeen > TimeSpan.FromDays(2) ? 0 : 1);
        w.WriteString("last_seen", ApiJson.Timestamp(d.LastSeen));
        w.WriteStartObject("user_info");
        if (!d.IsPrivate)
        {
            w.WriteString("username", d.UserName);
        }

        w.WriteString("domain", "CORP");
        w.WriteEndObject();
        w.WriteString("remediation_link", ApiJson.RemediationLink(d));
        ApiJson.WriteOsInfo(w, os, passwordSetAsString: true);
        w.WriteStartArray("network_info");
        w.WriteStartObject();
        if (!d.IsPrivate)
        {
            w.WriteString("mac_addr", d.MacAddress);
            w.WriteString("ipv4_addr", d.Ipv4Address);
            w.WriteString("ipv6_addr", d.Ipv6Address);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        WriteApplications(w, d);
        WriteInfections(w, d);
        w.WriteEndObject();
    });

    private static void WriteApplications(Utf8JsonWriter w, SimulatedDevice d)
    {
        var issues = d.IssueCategories.ToDictionary(i => i.Category, i => i.Critical);
        w.WriteStartArray("applications");
        foreach (var category in FleetCatalog.Categories)
        {
            var hasIssue = issues.TryGetValue(category, out var critical);
            w.WriteStartObject();
            w.WriteString("category", category);
            w.WriteNumber("critical_issue", hasIssue && critical ? 1 : 0);
            w.WriteNumber("has_issue", hasIssue ? 1 : 0);
            w.WriteNumber("has_critical_issue", hasIssue && critical ? 1 : 0);
            w.WriteStartArray("apps");
            w.WriteStartObject();
            w.WriteString("vendor", "");
            w.WriteString("name", hasIssue ? $"{category} product" : "No product detected");
            w.WriteString("version", "");
            w.WriteStartArray("health");
            w.WriteStartObject();
            w.WriteString("status", hasIssue ? $"{category} is out of compliance" : "No issue detected");
            w.WriteNumber("is_issue", hasIssue ? 1 : 0);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteInfections(Utf8JsonWriter w, SimulatedDevice d)
    {
        var infected = d.IsInfected ? 1 : 0;
        w.WriteStartArray("infections");
        w.WriteStartObject();
        w.WriteString("category", "malware_scan");
        w.WriteNumber("critical_issue", infected);
        w.WriteNumber("total_threats", d.Threats.Count);
        w.WriteNumber("has_issue", infected);
        w.WriteNumber("has_critical_issue", infected);
        WriteThreats(w, d.Threats);
        w.WriteString("last_scan_time", ApiJson.Timestamp(d.LastSeen));
        w.WriteNumber("total_engines", 41);
        w.WriteEndObject();
        // Repeated threats: the same threat reported more than once by the local anti-malware product.
        var repeated = d.Threats.GroupBy(t => t.ThreatName).Where(g => g.Count() > 1).Select(g => g.First()).ToList();
        w.WriteStartObject();
        w.WriteString("category", "repeated_threats");
        w.WriteNumber("critical_issue", repeated.Count > 0 ? 1 : 0);
        w.WriteString("last_report", ApiJson.Timestamp(d.LastSeen));
        w.WriteNumber("total_threats", repeated.Count);
        w.WriteNumber("has_issue", repeated.Count > 0 ? 1 : 0);
        w.WriteNumber("has_critical_issue", repeated.Count > 0 ? 1 : 0);
        WriteThreats(w, repeated);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteThreats(Utf8JsonWriter w, IEnumerable<SimulatedThreat> threats)
    {
        w.WriteStartArray("threats");
        foreach (var t in threats)
        {
            w.WriteStartObject();
            w.WriteString("ThreatName", t.ThreatName);
            w.WriteString("File", t.File);
            w.WriteString("FoundTime", ApiJson.Timestamp(t.FoundTime));
            w.WriteString("hash", t.Hash);
            w.WriteString("link", $"https://metadefender.opswat.com/results/file/{t.Hash}/hash/overview");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
