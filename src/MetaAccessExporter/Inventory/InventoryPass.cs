using MetaAccessExporter.Api;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Inventory;

/// <summary>
/// One walk of the inventory's cursor, in enrolment order, so no device can be skipped however the
/// fleet changes meanwhile. Each page joins the model as it arrives; at the end, what the pass did not
/// list leaves it. A failed page is asked for again from the same cursor: the pass goes on, it does not
/// start over.
/// </summary>
public sealed class InventoryPass(InventoryClient client, DeviceModel model, int pageSize, TimeProvider time)
{
    // A server that never ends a pass must not keep us reading forever: 20,000 pages is a million devices.
    public const int MaxPages = 20_000;

    private readonly HashSet<string> _listed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cursors = new(StringComparer.Ordinal);
    private string? _cursor;
    private int _pages;

    public DateTimeOffset Started { get; } = time.GetUtcNow();

    public long StartedTimestamp { get; } = time.GetTimestamp();

    public bool Done { get; private set; }

    public int Listed => _listed.Count;

    public int Added { get; private set; }

    /// <summary>Reads and applies the next page; sets <see cref="Done"/> after the last.</summary>
    public async Task ReadNextPageAsync(CancellationToken cancellationToken)
    {
        if (_pages >= MaxPages)
            throw new MetaAccessApiException(ApiEndpoint.Devices, "invalid", $"the inventory did not end within {MaxPages} pages");
        var askedAt = time.GetUtcNow();
        var page = await client.GetPageAsync(_cursor, pageSize, cancellationToken).ConfigureAwait(false);
        // A cursor that comes back would have the pass read the same pages forever.
        if (page.NextCursor is { } next && !_cursors.Add(next))
            throw new MetaAccessApiException(ApiEndpoint.Devices, "invalid", "the inventory's cursor came back to a page already read");
        var devices = page.Devices.Select(ListingMapper.ToListed).ToList();
        Added += model.ApplyListing(devices, askedAt);
        // A record the pass could not read still says the device is there: it must not leave the model for that.
        foreach (var id in devices.Select(d => d.Id).Concat(page.UnreadableIds))
            _listed.Add(id);
        _cursor = page.NextCursor;
        _pages++;
        Done = _cursor is null;
    }

    /// <summary>Removes what the finished pass did not list; returns how many devices left.</summary>
    public int RemoveUnlisted() => model.RemoveUnlisted(_listed, Started);
}
