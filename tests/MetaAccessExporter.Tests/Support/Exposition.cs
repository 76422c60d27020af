namespace MetaAccessExporter.Tests.Support;

/// <summary>Cuts a scrape into what tests compare.</summary>
internal static class Exposition
{
    /// <summary>The HELP, TYPE and sample lines of one family, as scraped.</summary>
    public static string Family(string scrape, string name)
    {
        var lines = scrape.Split('\n').Where(l =>
            l.StartsWith($"# HELP {name} ", StringComparison.Ordinal) || l.StartsWith($"# TYPE {name} ", StringComparison.Ordinal)
            || l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));
        return string.Join("\n", lines) + "\n";
    }
}
