namespace MetaAccessExporter.Metrics.Cardinality;

/// <summary>
/// Which values of one open label keep their own series on <c>/metrics</c> when the model holds more than
/// <c>Exporter:MaxLabelValues</c> of them. The values with the most devices keep theirs, ties going to the
/// value that sorts first, so the choice follows from the model alone and a restart makes it the same way.
/// A value that has its own series counts its devices twice when the values are ranked again (and wins a
/// tie): a newcomer takes its place only with more than twice as many devices, so two values near the
/// boundary do not trade series back and forth as single devices move between them. Thread-safe: scrapes
/// and OTLP collections rank under one lock.
/// </summary>
public sealed class LabelCap(string label, int maxValues)
{
    /// <summary>The value every folded value is summed under.</summary>
    public const string Other = "other";

    private readonly Lock _gate = new();

    // The values that had their own series at the last ranking: all of them while nothing was folded.
    private HashSet<string> _shown = new(StringComparer.Ordinal);

    public LabelFold Fold(IReadOnlyDictionary<string, long> devicesByValue)
    {
        lock (_gate)
        {
            if (devicesByValue.Count <= maxValues)
            {
                if (!_shown.SetEquals(devicesByValue.Keys))
                    _shown = new HashSet<string>(devicesByValue.Keys, StringComparer.Ordinal);
                return new LabelFold(label, devicesByValue.Count, 0, null);
            }
            // A real value "other" shares the bucket's series, so it never takes one of the places.
            var kept = devicesByValue.Where(v => v.Key != Other)
                .OrderByDescending(v => _shown.Contains(v.Key) ? 2 * v.Value : v.Value)
                .ThenByDescending(v => _shown.Contains(v.Key))
                .ThenBy(v => v.Key, StringComparer.Ordinal)
                .Take(maxValues - 1)
                .Select(v => v.Key)
                .ToHashSet(StringComparer.Ordinal);
            _shown = kept;
            int folded = devicesByValue.Count - kept.Count - (devicesByValue.ContainsKey(Other) ? 1 : 0);
            return new LabelFold(label, devicesByValue.Count, folded, kept);
        }
    }
}

/// <summary>One label's values at a scrape, and which of them keep their own series.</summary>
/// <param name="Values">Distinct values in the model.</param>
/// <param name="Folded">Values summed under <see cref="LabelCap.Other"/> (a real value "other" not counted).</param>
/// <param name="Kept">The values with their own series; null while nothing is folded.</param>
public sealed record LabelFold(string Label, int Values, int Folded, IReadOnlySet<string>? Kept)
{
    public string Map(string value) => Kept is null || Kept.Contains(value) ? value : LabelCap.Other;
}
