using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>
/// Body of <c>POST /o/api/v3.7/devices</c>: <c>{"token":"…","limit":50}</c>. No token (left out when null) starts from
/// the oldest device.
/// </summary>
public sealed record InventoryRequest(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("limit")] int Limit);
