using MetaAccessExporter.Model;

namespace MetaAccessExporter.Enrichment;

/// <summary>
/// Which devices need details next, and how far behind enrichment is. Due are devices with no
/// details, devices changed since their details, and details older than <c>RefreshAfter</c>;
/// they are taken new-or-changed first, then those with critical issues, then the longest unrefreshed.
/// A walk over the fleet, made once per batch: at a few calls a minute that is cheap even for large fleets.
/// </summary>
public sealed record EnrichmentPlan(IReadOnlyList<string> Batch, EnrichmentProgress Progress, DateTimeOffset? NextDue)
{
    public static EnrichmentPlan For(IReadOnlyCollection<Device> devices, DateTimeOffset now, TimeSpan refreshAfter, int batchSize)
    {
        var due = new List<(Device Device, int Tier, DateTimeOffset Since)>();
        int fresh = 0;
        var oldest = TimeSpan.Zero;
        DateTimeOffset? nextDue = null;
        foreach (var device in devices)
        {
            var details = device.Details;
            var waitingSince = details is null ? device.ChangedAt : details.FetchedAt;
            if (now - waitingSince > oldest)
                oldest = now - waitingSince;
            if (details is null || device.ChangedAt > details.FetchedAt)
                due.Add((device, device.CriticalIssues > 0 ? 0 : 1, device.ChangedAt));
            else if (now - details.FetchedAt >= refreshAfter)
                due.Add((device, device.CriticalIssues > 0 ? 2 : 3, details.FetchedAt));
            else
            {
                fresh++;
                var refreshAt = details.FetchedAt + refreshAfter;
                if (nextDue is null || refreshAt < nextDue)
                    nextDue = refreshAt;
            }
        }
        var batch = due.OrderBy(d => d.Tier).ThenBy(d => d.Since).ThenBy(d => d.Device.Id, StringComparer.Ordinal)
            .Take(batchSize).Select(d => d.Device.Id).ToArray();
        double coverage = devices.Count == 0 ? 1 : (double)fresh / devices.Count;
        return new EnrichmentPlan(batch, new EnrichmentProgress(coverage, oldest, due.Count), nextDue);
    }
}
