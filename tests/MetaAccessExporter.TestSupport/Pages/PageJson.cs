using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MetaAccessExporter.TestSupport.Pages;

/// <summary>
/// Bodies of the MetaAccess delta feed (<c>POST /o/api/v3/devices/status_changed</c>) as the API writes them:
/// <c>{"monitored_devices":[...],"deleted_devices":[...]}</c>. Values are JSON-escaped, so a test may put any
/// string (quotes, tags, newlines) in a field.
/// </summary>
public static class PageJson
{
    /// <summary>The path the delta feed is served on.</summary>
    public const string Path = "/o/api/v3/devices/status_changed";

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A page with no changes: the end of a walk's content, or a quiet window.</summary>
    public static string Empty { get; } = Of([]);

    /// <summary>A page of plain devices (<see cref="Device"/> with its defaults), nothing deleted.</summary>
    public static string OfIds(params string[] ids) => Of(ids.Select(id => Device(id)));

    /// <summary>A page of the given device objects (from <see cref="Device"/>, or raw JSON) and deleted ids.</summary>
    public static string Of(IEnumerable<string> monitored, IEnumerable<string>? deletedIds = null) =>
        "{\"monitored_devices\":[" + string.Join(",", monitored) + "],\"deleted_devices\":["
        + string.Join(",", (deletedIds ?? []).Select(Deleted)) + "]}";

    /// <summary>
    /// One entry of <c>monitored_devices</c>. A null field is left out, as the API leaves out what it does not know;
    /// <paramref name="lastSeen"/> is written as given, so a test can send a value that is not a date.
    /// </summary>
    public static string Device(
        string id,
        string? status = "compliant",
        string? severity = "none",
        string? group = "g",
        string? name = null,
        string? deviceType = null,
        string? agentVersion = null,
        string? lastSeen = null,
        string? osFamily = null,
        Issues? issues = null)
    {
        var device = new JsonObject { ["device_id"] = id };
        Add(device, "status", status);
        Add(device, "severity", severity);
        Add(device, "group_name", group);
        Add(device, "device_name", name);
        Add(device, "device_type", deviceType);
        Add(device, "agent_version", agentVersion);
        Add(device, "last_seen", lastSeen);
        if (osFamily is not null)
            device["os_info"] = new JsonObject { ["family"] = osFamily };
        if (issues is not null)
            device["issue"] = issues.ToJson();
        return device.ToJsonString(Readable);
    }

    /// <summary>One entry of <c>deleted_devices</c>.</summary>
    public static string Deleted(string id) => new JsonObject { ["device_id"] = id }.ToJsonString(Readable);

    private static void Add(JsonObject device, string field, string? value)
    {
        if (value is not null)
            device[field] = value;
    }
}

/// <summary>
/// A device's <c>issue</c> counts. The vendor's examples spell them <c>total_issue</c>; its field table says
/// <c>total_issues</c>, which <paramref name="FieldTableSpelling"/> writes instead.
/// </summary>
public sealed record Issues(int Total, int Critical, int Warning, bool FieldTableSpelling = false)
{
    internal JsonObject ToJson()
    {
        string plural = FieldTableSpelling ? "s" : "";
        return new JsonObject
        {
            ["total_issue" + plural] = Total,
            ["total_critical_issue" + plural] = Critical,
            ["total_warning_issue" + plural] = Warning,
        };
    }
}
