using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>
/// <c>GET /o/api/v2.1/devices/{hwid}</c>, reduced to what enrichment needs: which posture
/// categories have issues, and which infections were found.
/// </summary>
public sealed class DeviceDetails
{
    [JsonPropertyName("last_seen")] public string? LastSeen { get; set; }
    [JsonPropertyName("applications")] public List<ApplicationCategory>? Applications { get; set; }
    [JsonPropertyName("infections")] public List<InfectionCategory>? Infections { get; set; }
}

public sealed class ApplicationCategory
{
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("has_issue")] public int HasIssue { get; set; }
    [JsonPropertyName("has_critical_issue")] public int HasCriticalIssue { get; set; }
}

public sealed class InfectionCategory
{
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("total_threats")] public int TotalThreats { get; set; }
    [JsonPropertyName("threats")] public List<Threat>? Threats { get; set; }
}

public sealed class Threat
{
    [JsonPropertyName("ThreatName")] public string? ThreatName { get; set; }
}
