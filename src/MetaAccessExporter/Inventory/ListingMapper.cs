using MetaAccessExporter.Api.Dto;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Inventory;

/// <summary>
/// Turns an inventory record into what the model merges. Fields the inventory may not carry (its page
/// is cut off in our copy; older versions had group, issues, OS and agent) stay null when absent, so
/// the model keeps what the delta feed told of them.
/// </summary>
public static class ListingMapper
{
    public static ListedDevice ToListed(DeviceRecord record) => new(
        Id: record.DeviceId!.Trim(),
        Status: LabelValues.Normalize(record.Status),
        Severity: LabelValues.Normalize(record.Severity),
        Group: record.GroupName is null ? null : LabelValues.Group(record.GroupName),
        TotalIssues: record.Issue is { } issues ? Math.Max(0, issues.Total) : null,
        CriticalIssues: record.Issue is { } critical ? Math.Max(0, critical.Critical) : null,
        WarningIssues: record.Issue is { } warning ? Math.Max(0, warning.Warning) : null,
        Name: record.DeviceName?.Trim(),
        DeviceType: record.DeviceType?.Trim(),
        OsFamily: record.OsInfo?.Family?.Trim(),
        AgentVersion: record.AgentVersion?.Trim(),
        LastSeen: ApiTimestamp.Parse(record.LastSeen));
}
