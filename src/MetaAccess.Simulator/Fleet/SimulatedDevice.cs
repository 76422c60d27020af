namespace MetaAccess.Simulator;

/// <summary>One monitored device as the simulated cloud knows it. Immutable: a change replaces the record.</summary>
/// <param name="DeviceName">Hostname, or <c>"&lt;private&gt;"</c> when privacy hides it (then MAC and IPs are hidden too).</param>
/// <param name="GroupName">Null for a device assigned to no group.</param>
/// <param name="IssueCategories">Posture categories with an issue; their count is <see cref="TotalIssues"/>, the critical ones <see
/// cref="CriticalIssues"/>.</param>
/// <param name="Threats">Threats found by the malware scan; empty for a clean device.</param>
/// <param name="LastSeen">When the agent last reported: the truth, as the inventory and device details give it.</param>
/// <param name="ChangedAt">When the status-change feed last saw this device change.</param>
/// <param name="LastSeenAtChange">
/// <c>last_seen</c> as it was at <see cref="ChangedAt"/>: what the status-change feed reports, since a report
/// that changes only <c>last_seen</c> is not a status change and does not reach the feed.
/// </param>
/// <param name="EnrolledAt">When the device joined the account; the inventory lists devices in this order.</param>
public sealed record SimulatedDevice(
    string DeviceId,
    string DeviceName,
    string NickName,
    string? GroupName,
    string DeviceType,
    string OsFamily,
    string OsName,
    string AgentVersion,
    string Country,
    string Status,
    string Severity,
    int TotalIssues,
    int CriticalIssues,
    int WarningIssues,
    DateTimeOffset LastSeen,
    DateTimeOffset ChangedAt,
    DateTimeOffset LastSeenAtChange,
    DateTimeOffset EnrolledAt,
    string MacAddress,
    string Ipv4Address,
    string Ipv6Address,
    string PublicIp,
    string UserName,
    ValueList<IssueCategory> IssueCategories,
    ValueList<SimulatedThreat> Threats)
{
    public const string PrivateName = "<private>";

    public bool IsPrivate => DeviceName == PrivateName;

    public bool IsInfected => Threats.Count > 0;

    /// <summary>The device's status changed at <paramref name="at"/>: the feed lists it again, with today's <c>last_seen</c>.</summary>
    internal SimulatedDevice StatusChanged(DateTimeOffset at) => this with { ChangedAt = at, LastSeenAtChange = LastSeen };
}

/// <summary>A posture category (Antivirus, Firewall, ...) in which the device has an issue.</summary>
public sealed record IssueCategory(string Category, bool Critical);

/// <summary>A threat reported by the device's malware scan.</summary>
public sealed record SimulatedThreat(string ThreatName, string File, DateTimeOffset FoundTime, string Hash);

/// <summary>A device that left the account: enough for a <c>deleted_devices</c> entry.</summary>
/// <param name="Silent">It left no tombstone: the feed never says it went, only the inventory and device details do.</param>
public sealed record DeletedDevice(string DeviceId, string? MacAddress, string? Ipv4Address, DateTimeOffset DeletedAt, bool Silent = false);
