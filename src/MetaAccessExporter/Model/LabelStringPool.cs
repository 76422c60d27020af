namespace MetaAccessExporter.Model;

/// <summary>
/// One instance of each label value the fleet repeats (status, severity, group, device type, OS
/// family, agent version, issue categories): every page parses them anew, and 100,000 devices would
/// otherwise keep 100,000 copies of "compliant". Bounded, unlike <see cref="string.Intern"/>: past
/// <see cref="Capacity"/> distinct values a value is kept as it came, never refused.
/// Not thread-safe: the model calls it under its lock.
/// </summary>
internal sealed class LabelStringPool
{
    public const int Capacity = 65_536;

    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    public string Share(string value)
    {
        if (_values.TryGetValue(value, out var shared))
            return shared;
        if (_values.Count < Capacity)
            _values.Add(value);
        return value;
    }

    /// <summary>The device with its label values shared; the same instance when they already were.</summary>
    public Device Share(Device d)
    {
        var (status, severity, group) = (Share(d.Status), Share(d.Severity), Share(d.Group));
        var (type, os, agent) = (Share(d.DeviceType), Share(d.OsFamily), Share(d.AgentVersion));
        var details = d.Details is { } x ? Share(x) : null;
        bool same = ReferenceEquals(status, d.Status) && ReferenceEquals(severity, d.Severity) && ReferenceEquals(group, d.Group)
            && ReferenceEquals(type, d.DeviceType) && ReferenceEquals(os, d.OsFamily) && ReferenceEquals(agent, d.AgentVersion)
            && ReferenceEquals(details, d.Details);
        return same ? d : d with
        {
            Status = status, Severity = severity, Group = group, DeviceType = type, OsFamily = os, AgentVersion = agent, Details = details,
        };
    }

    private DeviceDetailsSummary Share(DeviceDetailsSummary details)
    {
        var issues = Share(details.IssueCategories);
        var critical = Share(details.CriticalIssueCategories);
        return ReferenceEquals(issues, details.IssueCategories) && ReferenceEquals(critical, details.CriticalIssueCategories)
            ? details
            : details with { IssueCategories = issues, CriticalIssueCategories = critical };
    }

    private IReadOnlyList<string> Share(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            return [];
        string[]? shared = null;
        for (int i = 0; i < values.Count; i++)
        {
            var value = Share(values[i]);
            if (shared is null && ReferenceEquals(value, values[i]))
                continue;
            shared ??= [.. values];
            shared[i] = value;
        }
        return shared ?? values;
    }
}
