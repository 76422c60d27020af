using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MetaAccess.Simulator.Fleet;

namespace MetaAccess.Simulator.Json;

/// <summary>Pieces shared by every answer: writer settings, timestamps, the two issue-count spellings.</summary>
internal static class ApiJson
{
    // Raw UTF-8 ("Zürich", "<private>") like a typical server, so the exporter meets real bytes, not \u escapes.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    /// <summary>ISO 8601 UTC with whole seconds, as in the documented examples (<c>2017-10-16T03:11:09Z</c>).</summary>
    public static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The real API spells issue counts both ways (field table: <c>total_issues</c>, examples:
    /// <c>total_issue</c>); we pick one per device from its id so each device is stable across answers.
    /// </summary>
    public static bool UsesSingularIssueSpelling(string deviceId) => deviceId.Length > 0 && deviceId[^1] % 2 == 0;

    public static void WriteIssue(Utf8JsonWriter w, SimulatedDevice d)
    {
        var suffix = UsesSingularIssueSpelling(d.DeviceId) ? "" : "s";
        w.WriteStartObject("issue");
        w.WriteNumber("total_issue" + suffix, d.TotalIssues);
        w.WriteNumber("total_critical_issue" + suffix, d.CriticalIssues);
        w.WriteNumber("total_warning_issue" + suffix, d.WarningIssues);
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>os_info</c> as both endpoints send it. The seeds disagree on <c>user_password_set</c> (an int
    /// in the field table and the delta example, a string in the details example) and only the delta
    /// example carries <c>type</c>; the simulator keeps each endpoint's own form.
    /// </summary>
    public static void WriteOsInfo(Utf8JsonWriter w, FleetCatalog.OsChoice os, bool passwordSetAsString)
    {
        w.WriteStartObject("os_info");
        w.WriteString("service_pack_version", "");
        w.WriteString("vendor", os.Vendor);
        w.WriteString("family", os.Family);
        w.WriteString("os_language", "English");
        w.WriteString("name", os.Name);
        w.WriteString("architecture", "64-bit");
        w.WriteString("version", os.Version);
        if (passwordSetAsString)
        {
            w.WriteString("user_password_set", "1");
        }
        else
        {
            w.WriteString("type", os.Type);
            w.WriteNumber("user_password_set", 1);
        }
        w.WriteEndObject();
    }

    public static FleetCatalog.OsChoice Os(SimulatedDevice d) =>
        FleetCatalog.OperatingSystems.Select(o => o.Os).FirstOrDefault(o => o.Name == d.OsName)
        ?? new FleetCatalog.OsChoice(d.OsFamily, d.OsName, "", "", d.DeviceType, d.OsFamily.ToLowerInvariant());

    public static string RemediationLink(SimulatedDevice d) =>
        $"https://gears.opswat.com/gears/remediation/{d.DeviceId.ToLowerInvariant()}/remediation.html";

    public static void WriteError(Utf8JsonWriter w, string error, string description)
    {
        w.WriteStartObject();
        w.WriteString("error", error);
        w.WriteString("error_description", description);
        w.WriteEndObject();
    }
}
