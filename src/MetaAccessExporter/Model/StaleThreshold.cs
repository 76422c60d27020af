using System.Globalization;

namespace MetaAccessExporter.Model;

/// <summary>A <c>last_seen</c> age threshold, e.g. <c>7d</c>, as it appears in the <c>older_than</c> label.</summary>
public sealed record StaleThreshold(string Label, TimeSpan Age)
{
    /// <summary>Parses <c>Exporter:StaleAfter</c>: a comma-separated list of ages with unit m, h, d or w.</summary>
    public static IReadOnlyList<StaleThreshold> ParseList(string text)
    {
        var thresholds = new List<StaleThreshold>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Length < 2
                || !int.TryParse(part.AsSpan(0, part.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new FormatException($"'{part}' is not an age such as 30m, 12h, 7d or 2w.");
            TimeSpan age = char.ToLowerInvariant(part[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                'w' => TimeSpan.FromDays(7 * n),
                _ => throw new FormatException($"'{part}' has no unit m, h, d or w."),
            };
            thresholds.Add(new StaleThreshold(part.ToLowerInvariant(), age));
        }
        if (thresholds.Count == 0)
            throw new FormatException("at least one threshold is required.");
        if (thresholds.Select(t => t.Label).Distinct().Count() != thresholds.Count)
            throw new FormatException("thresholds must differ.");
        return thresholds;
    }
}
