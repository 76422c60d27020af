using System.Text.Json;
using System.Text.Json.Nodes;
using MetaAccess.Simulator.Fleet;

namespace MetaAccess.Simulator.Json;

/// <summary>
/// Device records of the wrong shape, as a buggy or newer back end might send them: one field of a chosen
/// device gets a type no client expects (<c>"issue": []</c>, <c>"last_seen": 17</c>, <c>"status": {"x":1}</c>).
/// Which devices, and which field, follow from the seed and the device id alone: a device is malformed the
/// same way in both feeds and on every call, and a larger share only adds devices. <c>device_id</c> is never
/// touched, so a client can say which record it skipped.
/// </summary>
internal sealed class MalformedRecords(int seed, SimulatorFaults faults)
{
    public static readonly string[] Fields = ["issue", "last_seen", "status"];

    /// <summary>The field written with the wrong shape for this device, or null for a well-formed record.</summary>
    public string? FieldFor(string deviceId)
    {
        var hash = StableHash.Of(seed, deviceId);
        return StableHash.Fraction(hash) < faults.MalformedRecordShare ? Fields[(int)(hash % (ulong)Fields.Length)] : null;
    }

    /// <summary>Writes the record <paramref name="write"/> makes, with one field spoiled when the device is chosen.</summary>
    public void Write(Utf8JsonWriter w, string deviceId, Action<Utf8JsonWriter> write)
    {
        if (FieldFor(deviceId) is not { } field)
        {
            write(w);
            return;
        }

        // A field the record lacks (last_seen in a verbose 0 entry) is added: it is still there to trip a parser.
        var record = JsonNode.Parse(ApiJson.Write(write))!.AsObject();
        record[field] = field switch
        {
            "issue" => new JsonArray(),
            "last_seen" => 17,
            _ => new JsonObject { ["x"] = 1 },
        };
        record.WriteTo(w);
    }
}
