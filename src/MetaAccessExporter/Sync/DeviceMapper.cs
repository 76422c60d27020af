using MetaAccessExporter.Api.Dto;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Sync;

/// <summary>Turns a device record of either feed into the model's device, applying the contract's label rules once.</summary>
public static class DeviceMapper
{
    public static Device ToDevice(DeviceRecord record, DateTimeOffset seenAt) => new(
        Id: record.DeviceId!.Trim(),
        Status: LabelValues.Normalize(record.Status),
        Severity: LabelValues.Normalize(record.Severity),
        Group: LabelValues.Group(record.GroupName),
        TotalIssues: NonNegative(record.Issue?.Total),
        CriticalIssues: NonNegative(record.Issue?.Critical),
        WarningIssues: NonNegative(record.Issue?.Warning),
        Name: record.DeviceName?.Trim() ?? "",
        DeviceType: record.DeviceType?.Trim() ?? "",
        OsFamily: record.OsInfo?.Family?.Trim() ?? "",
        AgentVersion: record.AgentVersion?.Trim() ?? "",
        LastSeen: ApiTimestamp.Parse(record.LastSeen),
        ChangedAt: seenAt);

    private static int NonNegative(int? count) => Math.Max(0, count ?? 0);
}
