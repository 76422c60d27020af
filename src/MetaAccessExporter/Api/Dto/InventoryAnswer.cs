using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>
/// One page of the inventory as it arrives: <c>{"next_token":"…","devices":[…]}</c>. The devices stay raw JSON here:
/// each is read on its own (<see cref="RecordReader"/>), so one record of the wrong shape costs only itself.
/// </summary>
public sealed class InventoryAnswer
{
    [JsonPropertyName("next_token")]
    public string? NextToken { get; set; }

    [JsonPropertyName("devices")]
    public List<JsonElement>? Devices { get; set; }
}
