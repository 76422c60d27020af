using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>
/// One page of the delta feed as it arrives. Both lists are empty when nothing changed. Their entries stay raw
/// JSON here: each is read on its own (<see cref="RecordReader"/>), so one record of the wrong shape costs only itself.
/// </summary>
public sealed class StatusChangedPage
{
    [JsonPropertyName("monitored_devices")]
    public List<JsonElement>? MonitoredDevices { get; set; }

    [JsonPropertyName("deleted_devices")]
    public List<JsonElement>? DeletedDevices { get; set; }
}
