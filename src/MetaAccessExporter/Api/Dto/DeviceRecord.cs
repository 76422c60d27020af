using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>
/// A device as the delta feed (verbose) and the inventory (Get Devices) report it: one shape for both,
/// so both feed the model the same way. Only what the exporter uses is read; unknown fields are ignored,
/// and fields one feed lacks stay null. Status and severity are open sets: any string passes through.
/// </summary>
public sealed class DeviceRecord
{
    [JsonPropertyName("device_id")] public string? DeviceId { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("severity")] public string? Severity { get; set; }
    [JsonPropertyName("issue")] public IssueCounts? Issue { get; set; }
    [JsonPropertyName("group_name")] public string? GroupName { get; set; }
    [JsonPropertyName("device_name")] public string? DeviceName { get; set; }
    [JsonPropertyName("device_type")] public string? DeviceType { get; set; }
    [JsonPropertyName("agent_version")] public string? AgentVersion { get; set; }
    [JsonPropertyName("last_seen")] public string? LastSeen { get; set; }
    [JsonPropertyName("os_info")] public OsInfo? OsInfo { get; set; }
    [JsonPropertyName("host_name")] public string? HostName { get; set; }
    [JsonPropertyName("nickname")] public string? Nickname { get; set; }
    // Kept as text like last_seen: ApiTimestamp reads it when it is used, an unreadable date is no reason to drop the record.
    [JsonPropertyName("enrolled_at")] public string? EnrolledAt { get; set; }
}

public sealed class OsInfo
{
    [JsonPropertyName("family")] public string? Family { get; set; }
}

/// <summary>
/// The vendor's field table says <c>total_issues</c>, its examples say <c>total_issue</c>; both are
/// accepted, the table's spelling winning when an answer carries both.
/// </summary>
public sealed class IssueCounts
{
    [JsonPropertyName("total_issues")] public int? TotalIssues { get; set; }
    [JsonPropertyName("total_issue")] public int? TotalIssue { get; set; }
    [JsonPropertyName("total_critical_issues")] public int? TotalCriticalIssues { get; set; }
    [JsonPropertyName("total_critical_issue")] public int? TotalCriticalIssue { get; set; }
    [JsonPropertyName("total_warning_issues")] public int? TotalWarningIssues { get; set; }
    [JsonPropertyName("total_warning_issue")] public int? TotalWarningIssue { get; set; }

    [JsonIgnore] public int Total => TotalIssues ?? TotalIssue ?? 0;
    [JsonIgnore] public int Critical => TotalCriticalIssues ?? TotalCriticalIssue ?? 0;
    [JsonIgnore] public int Warning => TotalWarningIssues ?? TotalWarningIssue ?? 0;
}
