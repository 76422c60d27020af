namespace MetaAccessExporter.Model;

/// <summary>
/// What an inventory page told of one device, its labels already normalised. A null field was not in
/// the listing (the inventory's fields are not all documented): the model keeps what it knew of it.
/// </summary>
public sealed record ListedDevice(
    string Id,
    string Status,
    string Severity,
    string? Group,
    int? TotalIssues,
    int? CriticalIssues,
    int? WarningIssues,
    string? Name,
    string? DeviceType,
    string? OsFamily,
    string? AgentVersion,
    DateTimeOffset? LastSeen)
{
    /// <summary>The device as the model keeps it: what was listed over what it knew (<paramref name="known"/>, or nothing).</summary>
    public Device Over(Device? known, DateTimeOffset at) => new(
        Id,
        Status,
        Severity,
        Group ?? known?.Group ?? LabelValues.Unassigned,
        TotalIssues ?? known?.TotalIssues ?? 0,
        CriticalIssues ?? known?.CriticalIssues ?? 0,
        WarningIssues ?? known?.WarningIssues ?? 0,
        Name ?? known?.Name ?? "",
        DeviceType ?? known?.DeviceType ?? "",
        OsFamily ?? known?.OsFamily ?? "",
        AgentVersion ?? known?.AgentVersion ?? "",
        LastSeen,
        at,
        known?.Details);
}
