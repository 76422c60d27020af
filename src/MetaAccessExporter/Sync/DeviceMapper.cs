using MetaAccessExporter.Api.Dto;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Sync;

/// <summary>Turns the feed's device into the model's, applying the contract's label rules once.</summary>
public static class DeviceMapper
{
    public static Device ToDevice(DeviceChange change, DateTimeOffset seenAt) => new(
        Id: change.DeviceId!.Trim(),
        Status: LabelValues.Normalize(change.Status),
        Severity: LabelValues.Normalize(change.Severity),
        Group: LabelValues.Group(change.GroupName),
        TotalIssues: NonNegative(change.Issue?.Total),
        CriticalIssues: NonNegative(change.Issue?.Critical),
        WarningIssues: NonNegative(change.Issue?.Warning),
        Name: change.DeviceName?.Trim() ?? "",
        DeviceType: change.DeviceType?.Trim() ?? "",
        OsFamily: change.OsInfo?.Family?.Trim() ?? "",
        AgentVersion: change.AgentVersion?.Trim() ?? "",
        LastSeen: ApiTimestamp.Parse(change.LastSeen),
        ChangedAt: seenAt);

    private static int NonNegative(int? count) => Math.Max(0, count ?? 0);
}
