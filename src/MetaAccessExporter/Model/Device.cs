namespace MetaAccessExporter.Model;

/// <summary>
/// One device as the model keeps it: label values already normalised (see <see cref="LabelValues"/>),
/// counts, and what enrichment learned. Immutable, so renderers can hold one without a lock.
/// </summary>
public sealed record Device(
    string Id,
    string Status,
    string Severity,
    string Group,
    int TotalIssues,
    int CriticalIssues,
    int WarningIssues,
    string Name,
    string DeviceType,
    string OsFamily,
    string AgentVersion,
    DateTimeOffset? LastSeen,
    DateTimeOffset ChangedAt,
    DeviceDetailsSummary? Details = null);

/// <summary>What device details told: categories with issues and threats found. Only what metrics need.</summary>
public sealed record DeviceDetailsSummary(
    DateTimeOffset FetchedAt,
    bool Unavailable,
    IReadOnlyList<string> IssueCategories,
    IReadOnlyList<string> CriticalIssueCategories,
    int Threats)
{
    public static DeviceDetailsSummary NotFound(DateTimeOffset at) => new(at, true, [], [], 0);
}
