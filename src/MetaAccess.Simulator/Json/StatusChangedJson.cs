using System.Text.Json;
using MetaAccess.Simulator.Fleet;

namespace MetaAccess.Simulator.Json;

/// <summary>Entries of a Status Change v3 page, shaped like the seed examples.</summary>
internal static class StatusChangedJson
{
    public static byte[] Page(IEnumerable<WindowEntry> entries, bool verbose, MalformedRecords malformed) => ApiJson.Write(w =>
    {
        var page = entries.ToList();
        w.WriteStartObject();
        w.WriteStartArray("monitored_devices");
        foreach (var device in page.Select(e => e.Device).OfType<SimulatedDevice>())
        {
            malformed.Write(w, device.DeviceId, record =>
            {
                if (verbose)
                {
                    WriteVerbose(record, device);
                }
                else
                {
                    WriteBrief(record, device);
                }
            });
        }

        w.WriteEndArray();
        w.WriteStartArray("deleted_devices");
        foreach (var deleted in page.Select(e => e.Deleted).OfType<DeletedDevice>())
        {
            w.WriteStartObject();
            w.WriteString("device_id", deleted.DeviceId);
            w.WriteStartArray("network_info");
            w.WriteStartObject();
            WriteOptional(w, "ipv4", deleted.Ipv4Address);
            WriteOptional(w, "mac", deleted.MacAddress);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteBrief(Utf8JsonWriter w, SimulatedDevice d)
    {
        w.WriteStartObject();
        w.WriteString("device_id", d.DeviceId);
        w.WriteString("severity", d.Severity);
        w.WriteString("status", d.Status);
        ApiJson.WriteIssue(w, d);
        w.WriteStartArray("network_info");
        w.WriteStartObject();
        if (!d.IsPrivate)
        {
            w.WriteString("ipv4", d.Ipv4Address);
            w.WriteString("mac", d.MacAddress);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteVerbose(Utf8JsonWriter w, SimulatedDevice d)
    {
        var os = ApiJson.Os(d);
        w.WriteStartObject();
        w.WriteString("device_id", d.DeviceId);
        w.WriteString("device_type", d.DeviceType);
        w.WriteString("device_name", d.DeviceName);
        w.WriteString("nick_name", d.NickName);
        WriteOptional(w, "group_name", d.GroupName);
        w.WriteString("agent_version", d.AgentVersion);
        w.WriteString("oesis_version", FleetCatalog.OesisVersion);
        w.WriteString("country", d.Country);
        // As it was at the last status change: a report that only moved last_seen never reached this feed.
        w.WriteString("last_seen", ApiJson.Timestamp(d.LastSeenAtChange));
        w.WriteString("public_ip", d.PublicIp);
        w.WriteString("remediation_link", ApiJson.RemediationLink(d));
        w.WriteString("user_identity", "");
        w.WriteStartObject("link_user");
        w.WriteString("username", "");
        w.WriteString("group", "");
        w.WriteEndObject();
        w.WriteStartObject("user_info");
        if (!d.IsPrivate)
        {
            w.WriteString("username", d.UserName);
        }

        w.WriteString("domain", "CORP");
        w.WriteEndObject();
        w.WriteStartArray("network_info");
        w.WriteStartObject();
        w.WriteString("description", d.DeviceType == "mobile" ? "Wi-Fi" : "Intel(R) Ethernet Connection I219-LM");
        if (!d.IsPrivate)
        {
            w.WriteString("ipv4", d.Ipv4Address);
            w.WriteString("ipv6", d.Ipv6Address);
            w.WriteString("mac", d.MacAddress);
        }

        w.WriteString("subnet_mask", "255.255.0.0");
        w.WriteString("media_state", "connected");
        w.WriteString("dhcp_enabled", "true");
        w.WriteString("adapter_enabled", "true");
        w.WriteString("default_gateway", "10.0.0.1");
        w.WriteStartArray("dns_addresses");
        w.WriteStringValue("10.0.0.53");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        ApiJson.WriteOsInfo(w, os, passwordSetAsString: false);
        w.WriteString("severity", d.Severity);
        w.WriteString("status", d.Status);
        w.WriteStartObject("status_detail");
        w.WriteNumber("exempted", d.Status == "exempted" ? 1 : 0);
        w.WriteNumber("pending", d.Status == "pending" ? 1 : 0);
        w.WriteNumber("compliant", d.Status == "compliant" ? 1 : 0);
        w.WriteEndObject();
        ApiJson.WriteIssue(w, d);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
