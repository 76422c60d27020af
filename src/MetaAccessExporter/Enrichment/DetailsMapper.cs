using MetaAccessExporter.Api.Dto;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Enrichment;

/// <summary>Keeps of a device's details only what metrics need: categories with issues, and threats.</summary>
public static class DetailsMapper
{
    public static DeviceDetailsSummary ToSummary(DeviceDetails details, DateTimeOffset fetchedAt)
    {
        var categories = details.Applications ?? [];
        var issues = Categories(categories.Where(c => c.HasIssue == 1 || c.HasCriticalIssue == 1));
        var critical = Categories(categories.Where(c => c.HasCriticalIssue == 1));
        // A category may report threats without listing them; the list, when present, is the better count.
        int threats = (details.Infections ?? []).Sum(i => Math.Max(0, Math.Max(i.TotalThreats, i.Threats?.Count ?? 0)));
        return new DeviceDetailsSummary(fetchedAt, false, issues, critical, threats);
    }

    private static string[] Categories(IEnumerable<ApplicationCategory> categories) =>
        categories.Select(c => c.Category?.Trim()).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
}
