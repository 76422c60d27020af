using MetaAccessExporter.Api.Dto;
using MetaAccessExporter.Model;
using MetaAccessExporter.Sync;

namespace MetaAccessExporter.Tests.Support;

/// <summary>
/// Devices as the delta feed reports them, raw, turned into model devices the way the poller does
/// (<see cref="DeviceMapper"/>), so the contract's label rules are applied on the way in.
/// </summary>
internal static class FeedDevices
{
    public static Device Map(
        string id,
        string? status = "compliant",
        string? severity = "none",
        string? group = "Finance",
        string? name = "host",
        string? type = "desktop",
        string? os = "Windows",
        string? agent = "7.6.51.0",
        string? lastSeen = "2026-11-23T11:55:00Z",
        int? total = null,
        int? critical = null,
        int? warning = null) =>
        DeviceMapper.ToDevice(
            new DeviceRecord
            {
                DeviceId = id, Status = status, Severity = severity, GroupName = group, DeviceName = name, DeviceType = type,
                OsInfo = os is null ? null : new OsInfo { Family = os }, AgentVersion = agent, LastSeen = lastSeen,
                Issue = new IssueCounts { TotalIssues = total, TotalCriticalIssues = critical, TotalWarningIssues = warning },
            },
            Devices.Now);
}
