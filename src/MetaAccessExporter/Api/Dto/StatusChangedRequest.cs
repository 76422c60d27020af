using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>Body of <c>POST /o/api/v3/devices/status_changed</c>.</summary>
public sealed record StatusChangedRequest(
    [property: JsonPropertyName("age")] int Age,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("verbose")] int Verbose);
