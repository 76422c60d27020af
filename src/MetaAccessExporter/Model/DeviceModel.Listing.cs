namespace MetaAccessExporter.Model;

/// <summary>Reconciliation with the inventory, the list: what a pass saw joins the model, what it did not see leaves.</summary>
public sealed partial class DeviceModel
{
    // Deletions are remembered this long, so a listing asked for before a deletion cannot bring the device back.
    private static readonly TimeSpan DeletionMemory = TimeSpan.FromHours(1);

    private readonly Dictionary<string, DateTimeOffset> _removedAt = new(StringComparer.Ordinal);

    /// <summary>
    /// Applies one inventory page that was asked for at <paramref name="askedAt"/>. A device the model
    /// lacked joins it, unless it was deleted after the page was asked for. For a device it has, the
    /// newer source wins: the listing, unless the device changed after the page was asked for; its
    /// <c>last_seen</c> is whichever is later.
    /// </summary>
    /// <returns>How many devices joined the model.</returns>
    public int ApplyListing(IEnumerable<ListedDevice> page, DateTimeOffset askedAt)
    {
        int added = 0;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var listed in page)
            {
                if (!_devices.TryGetValue(listed.Id, out var current))
                {
                    if (_removedAt.TryGetValue(listed.Id, out var removed) && removed >= askedAt)
                        continue;
                    Put(null, listed.Over(null, now));
                    added++;
                    continue;
                }
                var next = current.ChangedAt > askedAt ? current : listed.Over(current, now);
                PutChanged(current, next with { LastSeen = Latest(current.LastSeen, listed.LastSeen) });
            }
            ForgetOldDeletions(now);
        }
        return added;
    }

    /// <summary>
    /// Ends a pass that began at <paramref name="passStarted"/> and listed <paramref name="listed"/>:
    /// a device it did not list, and that did not change since it began, has left the account.
    /// </summary>
    /// <returns>How many devices left the model.</returns>
    public int RemoveUnlisted(IReadOnlySet<string> listed, DateTimeOffset passStarted)
    {
        lock (_gate)
        {
            var gone = _devices.Values.Where(d => !listed.Contains(d.Id) && d.ChangedAt < passStarted).Select(d => d.Id).ToList();
            foreach (var id in gone)
                Remove(id);
            return gone.Count;
        }
    }

    private void ForgetOldDeletions(DateTimeOffset now)
    {
        if (_removedAt.Count == 0)
            return;
        foreach (var (id, at) in _removedAt.ToList())
        {
            if (now - at > DeletionMemory)
                _removedAt.Remove(id);
        }
    }
}
