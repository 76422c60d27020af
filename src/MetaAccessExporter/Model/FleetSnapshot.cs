namespace MetaAccessExporter.Model;

/// <summary>A copy of the fleet's aggregates at one instant, sorted, for a renderer to read without locks.</summary>
public sealed record FleetSnapshot(
    int DeviceCount,
    IReadOnlyList<DeviceCount> Devices,
    IReadOnlyList<GroupSnapshot> Groups,
    IReadOnlyList<StaleCount> Stale,
    IReadOnlyList<CategoryCount> CategoryIssues,
    IReadOnlyList<CategoryCount> CriticalCategoryIssues);

public sealed record DeviceCount(string Group, string Status, string Severity, int Count);

public sealed record GroupSnapshot(
    string Group,
    int Devices,
    long Issues,
    long CriticalIssues,
    long WarningIssues,
    int DevicesWithCriticalIssues,
    int DevicesInfected,
    long Threats);

public sealed record StaleCount(string Group, string OlderThan, int Count);

public sealed record CategoryCount(string Category, int Count);
