namespace MetaAccessExporter.Tests.Support;

/// <summary>Cuts Prometheus text into families: each a HELP line, a TYPE line and its samples.</summary>
internal static class ExpositionFamilies
{
    /// <summary>Every family of <paramref name="scrape"/>, in order, with its text (each line ending in a newline).</summary>
    public static IReadOnlyList<(string Name, string Text)> Split(string scrape)
    {
        var families = new List<(string Name, string Text)>();
        string? name = null;
        var text = new System.Text.StringBuilder();
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                if (name is not null)
                    families.Add((name, text.ToString()));
                name = line["# HELP ".Length..].Split(' ')[0];
                text.Clear();
            }
            else if (name is null && line.Length > 0)
            {
                throw new FormatException($"'{line}' comes before the first family's HELP line.");
            }
            if (line.Length > 0)
                text.Append(line).Append('\n');
        }
        if (name is not null)
            families.Add((name, text.ToString()));
        return families;
    }

    /// <summary>The text of the named families, in the order of the scrape; fails when one of them is missing.</summary>
    public static string Only(string scrape, IReadOnlyCollection<string> names)
    {
        var families = Split(scrape);
        var missing = names.Except(families.Select(f => f.Name)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"The scrape has no family {string.Join(", ", missing)}.");
        return string.Concat(families.Where(f => names.Contains(f.Name)).Select(f => f.Text));
    }
}
