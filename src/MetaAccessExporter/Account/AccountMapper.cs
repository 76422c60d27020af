using MetaAccessExporter.Api;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Account;

/// <summary>Turns the vendor's account details into a reading the model can be compared with.</summary>
public static class AccountMapper
{
    // The account page spells the clean severity in the singular; both device feeds say no_issues. The
    // same value under two spellings would show the whole clean fleet as drift, so it takes the feeds' one.
    private static readonly Dictionary<string, string> SeveritySpellings = new(StringComparer.Ordinal) { ["no_issue"] = "no_issues" };

    public static AccountReading Map(AccountDetails details, FleetSnapshot model, DateTimeOffset readAt) => new(
        readAt,
        details.Name,
        details.DevicesAllowed,
        details.DevicesUsed,
        Count(details.ByStatus.Select(row => (LabelValues.Normalize(row.Key), row.Value))),
        Count(details.BySeverity.Select(row => (Severity(row.Key), row.Value))),
        model.DeviceCount,
        Count(model.Devices.Select(d => (d.Status, (long)d.Count))),
        Count(model.Devices.Select(d => (d.Severity, (long)d.Count))));

    private static string Severity(string vendor)
    {
        var normalized = LabelValues.Normalize(vendor);
        return SeveritySpellings.GetValueOrDefault(normalized, normalized);
    }

    // Two spellings that normalise alike ("non-compliant", "Non Compliant") are one value: their counts add up.
    private static SortedDictionary<string, long> Count(IEnumerable<(string Key, long Count)> rows)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in rows)
            counts[key] = counts.GetValueOrDefault(key) + count;
        return counts;
    }
}
