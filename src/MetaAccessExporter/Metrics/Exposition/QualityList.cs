using System.Globalization;

namespace MetaAccessExporter.Metrics.Exposition;

/// <summary>
/// A header of weighted choices (<c>Accept</c>, <c>Accept-Encoding</c>; RFC 9110 §12.4.2): each entry's
/// value without its parameters, and its weight, 1 unless a <c>q</c> parameter says otherwise. A weight
/// that does not parse is 0: a choice the client did not clearly allow is not made for it.
/// </summary>
public static class QualityList
{
    public static IEnumerable<(string Value, double Weight)> Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            yield break;
        foreach (var entry in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            yield return (parts[0], Weight(parts.AsSpan(1)));
        }
    }

    private static double Weight(ReadOnlySpan<string> parameters)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase))
                return double.TryParse(parameter.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0;
        }
        return 1;
    }
}
