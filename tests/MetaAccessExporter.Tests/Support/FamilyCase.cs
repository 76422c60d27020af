using MetaAccessExporter.Model;

namespace MetaAccessExporter.Tests.Support;

/// <summary>
/// One row of a family table test, in the style of kube-state-metrics' store tests: devices in, the
/// exact exposition text of the named families out. The model applies <see cref="Given"/> as one
/// page, is scraped at <see cref="At"/>, then applies <see cref="Later"/> and <see cref="Deleted"/>
/// as a second page; the scrape after that is what <see cref="Want"/> shows.
/// </summary>
/// <param name="Name">What the row shows; the theory's argument, so each row is reported on its own.</param>
/// <param name="Families">The families cut out of the scrape, compared in the order the scrape has them.</param>
/// <param name="Given">The devices of the first page.</param>
/// <param name="Want">
/// The exact text of those families: HELP, TYPE and samples. A line too long for the source may be
/// wrapped after a comma between labels; a line ending in ',' goes on with the next line's text
/// (its indentation dropped). No exposition line ends in a comma, so the wrapping is unambiguous.
/// </param>
internal sealed record FamilyCase(string Name, string[] Families, Device[] Given, string Want)
{
    /// <summary>Devices of a second page: new ones, or new versions of given ones.</summary>
    public Device[] Later { get; init; } = [];

    /// <summary>Ids deleted by the second page.</summary>
    public string[] Deleted { get; init; } = [];

    /// <summary>When both scrapes happen, for the stale counts.</summary>
    public DateTimeOffset At { get; init; } = Devices.Now;

    /// <summary><see cref="Want"/> unwrapped, with the newline the last line ends with.</summary>
    public string Expected => Exposition.Unwrap(Want) + "\n";

    /// <summary>Applies the pages to <paramref name="model"/>, scraping it in between as a scraper would.</summary>
    public void Feed(DeviceModel model)
    {
        model.Apply(Given, []);
        model.Snapshot(At);
        model.Apply(Later, Deleted);
    }

    public override string ToString() => Name;
}
