using System.Text.Json;
using MetaAccessExporter.Api.Dto;

namespace MetaAccessExporter.Api;

/// <summary>
/// Reads the device lists of a page one record at a time. A record of the wrong shape (<c>"issue": []</c>,
/// <c>"last_seen": 17</c>), or one without a readable <c>device_id</c>, is counted in
/// <c>metaaccess_api_invalid_records_total</c>, logged once and skipped: before, one such record rejected its whole
/// page, and the walk, failing on the same page every cycle, never completed again. The tolerance of
/// <see cref="MetaAccessJson"/> (trailing commas, numbers as strings) applies to each record as it did to the page.
/// </summary>
public sealed class RecordReader(ApiCallStats stats, InvalidRecordLog log)
{
    private const string DeviceIdField = "device_id";

    /// <summary>
    /// The readable devices of <paramref name="entries"/>, in order, each with its id trimmed. The ids
    /// of records skipped for their shape go to <paramref name="skippedIds"/> when given: such a device
    /// is still there, only unreadable this time.
    /// </summary>
    public List<DeviceRecord> Devices(string endpoint, IReadOnlyList<JsonElement> entries, List<string>? skippedIds = null)
    {
        var devices = new List<DeviceRecord>(entries.Count);
        foreach (var entry in entries)
        {
            if (Device(endpoint, entry) is { } device)
                devices.Add(device);
            else if (IdOf(entry) is { } id)
                skippedIds?.Add(id);
        }
        return devices;
    }

    /// <summary>The trimmed ids of <paramref name="entries"/> (entries of <c>deleted_devices</c>), in order.</summary>
    public List<string> Ids(string endpoint, IReadOnlyList<JsonElement> entries)
    {
        var ids = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            if (IdOf(entry) is { } id)
                ids.Add(id);
            else
                Skip(endpoint, null, "a deleted device without a readable device_id");
        }
        return ids;
    }

    private DeviceRecord? Device(string endpoint, JsonElement entry)
    {
        if (IdOf(entry) is not { } id)
        {
            Skip(endpoint, null, "a device without a readable device_id");
            return null;
        }
        try
        {
            var device = entry.Deserialize(MetaAccessJson.Default.DeviceRecord)!;
            device.DeviceId = id;
            return device;
        }
        catch (JsonException ex)
        {
            // System.Text.Json names the field's path and the expected type, never the value it found.
            Skip(endpoint, id, ex.Message);
            return null;
        }
    }

    /// <summary>A non-blank string <c>device_id</c>, trimmed; anything else is no id.</summary>
    private static string? IdOf(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object
        && entry.TryGetProperty(DeviceIdField, out var id)
        && id.ValueKind == JsonValueKind.String
        && id.GetString()!.Trim() is { Length: > 0 } trimmed
            ? trimmed
            : null;

    private void Skip(string endpoint, string? deviceId, string problem)
    {
        stats.RecordInvalidRecord(endpoint);
        log.Skipped(endpoint, deviceId, problem);
    }
}
