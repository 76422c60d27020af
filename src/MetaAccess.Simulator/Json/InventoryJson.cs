using System.Text.Json;

namespace MetaAccess.Simulator.Json;

/// <summary>
/// A Get Devices v3.7 page: the documented fields, plus the ones earlier list versions carried (group,
/// issues, OS family, agent version). Values are the device's truth, in this endpoint's own words:
/// <c>non_compliant</c> with an underscore (the feed says <c>non-compliant</c>). Severity is the
/// documented <c>no_issues</c> in both feeds: the simulator has one truth per device.
/// </summary>
internal static class InventoryJson
{
    public static byte[] Page(IEnumerable<SimulatedDevice> devices, string? nextToken, InventoryEnd end, MalformedRecords malformed) =>
        ApiJson.Write(w =>
        {
            w.WriteStartObject();
            WriteNextToken(w, nextToken, end);
            w.WriteStartArray("devices");
            foreach (var device in devices)
            {
                malformed.Write(w, device.DeviceId, record => WriteDevice(record, device));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void WriteNextToken(Utf8JsonWriter w, string? nextToken, InventoryEnd end)
    {
        if (nextToken is not null)
        {
            w.WriteString("next_token", nextToken);
            return;
        }

        switch (end)
        {
            case InventoryEnd.EmptyToken:
                w.WriteString("next_token", "");
                break;
            case InventoryEnd.NullToken:
                w.WriteNull("next_token");
                break;
            case InventoryEnd.AbsentToken: // no property at all
                break;
        }
    }

    private static void WriteDevice(Utf8JsonWriter w, SimulatedDevice d)
    {
        w.WriteStartObject();
        w.WriteString("device_id", d.DeviceId);
        w.WriteString("enrolled_at", ApiJson.Timestamp(d.EnrolledAt));
        w.WriteString("severity", d.Severity);
        w.WriteString("status", d.Status.Replace('-', '_'));
        w.WriteString("device_name", d.DeviceName);
        if (!d.IsPrivate)
        {
            w.WriteString("host_name", d.DeviceName);
        }

        w.WriteString("nickname", d.NickName);
        w.WriteString("device_type", d.DeviceType);
        w.WriteString("public_ip", d.PublicIp);
        w.WriteString("last_seen", ApiJson.Timestamp(d.LastSeen));
        if (d.GroupName is not null)
        {
            w.WriteString("group_name", d.GroupName);
        }

        w.WriteString("agent_version", d.AgentVersion);
        w.WriteStartObject("os_info");
        w.WriteString("family", d.OsFamily);
        w.WriteString("name", d.OsName);
        w.WriteEndObject();
        w.WriteStartObject("issue");
        w.WriteNumber("total_issue", d.TotalIssues);
        w.WriteNumber("total_critical_issue", d.CriticalIssues);
        w.WriteNumber("total_warning_issue", d.WarningIssues);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
