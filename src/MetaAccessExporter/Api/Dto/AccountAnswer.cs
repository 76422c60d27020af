using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>Account Details v3.1 as it arrives: the licence and the vendor's own device counts.</summary>
public sealed class AccountAnswer
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("devices_allowed")]
    public long? DevicesAllowed { get; set; }

    [JsonPropertyName("devices_used")]
    public long? DevicesUsed { get; set; }

    [JsonPropertyName("devices_by_status")]
    public List<AccountCount?>? DevicesByStatus { get; set; }

    [JsonPropertyName("devices_by_issue_severity")]
    public List<AccountCount?>? DevicesByIssueSeverity { get; set; }
}

/// <summary>
/// One row of a breakdown. The page documents <c>{status, number_of_devices}</c> for statuses and does not
/// name the severity rows' key, so <c>severity</c> and <c>name</c> are read too.
/// </summary>
public sealed class AccountCount
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("severity")]
    public string? Severity { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("number_of_devices")]
    public long? NumberOfDevices { get; set; }

    [JsonIgnore]
    public string? Key => Status ?? Severity ?? Name;
}
