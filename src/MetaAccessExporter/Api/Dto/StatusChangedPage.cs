using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>One page of the delta feed. Both lists are empty when nothing changed.</summary>
public sealed class StatusChangedPage
{
    [JsonPropertyName("monitored_devices")]
    public List<DeviceRecord>? MonitoredDevices { get; set; }

    [JsonPropertyName("deleted_devices")]
    public List<DeletedDevice>? DeletedDevices { get; set; }
}

public sealed class DeletedDevice
{
    [JsonPropertyName("device_id")]
    public string? DeviceId { get; set; }
}
