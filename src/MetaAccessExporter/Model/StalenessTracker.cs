namespace MetaAccessExporter.Model;

/// <summary>
/// Counts, per group and threshold, the devices whose <c>last_seen</c> is older than the threshold,
/// without walking the fleet: each device is queued once per threshold at the instant it becomes
/// stale, and <see cref="AdvanceTo"/> only pops what fell due since the last call. Entries made
/// obsolete by a newer <c>last_seen</c> are dropped when popped, and the queue is rebuilt when
/// such garbage outweighs the live entries. Not thread-safe: <see cref="DeviceModel"/> holds its lock.
/// </summary>
internal sealed class StalenessTracker(IReadOnlyList<StaleThreshold> thresholds)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(string Id, DateTimeOffset LastSeen, int Threshold), DateTimeOffset> _due = new();
    private readonly Dictionary<(string Group, int Threshold), int> _stale = new();

    public IReadOnlyList<StaleThreshold> Thresholds => thresholds;

    public void Set(string id, string group, DateTimeOffset? lastSeen)
    {
        Remove(id);
        if (lastSeen is not { } seen)
            return;
        _entries[id] = new Entry(group, seen);
        for (int t = 0; t < thresholds.Count; t++)
            _due.Enqueue((id, seen, t), seen + thresholds[t].Age);
        if (_due.Count > 4 * (_entries.Count * thresholds.Count) + 1024)
            Rebuild();
    }

    public void Remove(string id)
    {
        if (!_entries.Remove(id, out var old))
            return;
        for (int t = 0; t < thresholds.Count; t++)
        {
            if ((old.StaleMask & (1 << t)) != 0)
                Decrement((old.Group, t));
        }
    }

    /// <summary>
    /// Counts stale devices as of <paramref name="now"/>; cost is the number of devices that turned stale since the last call.
    /// </summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        while (_due.TryPeek(out var item, out var dueAt) && dueAt <= now)
        {
            _due.Dequeue();
            if (!_entries.TryGetValue(item.Id, out var entry) || entry.LastSeen != item.LastSeen
                || (entry.StaleMask & (1 << item.Threshold)) != 0)
                continue;
            entry.StaleMask |= 1 << item.Threshold;
            var key = (entry.Group, item.Threshold);
            _stale[key] = _stale.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>(group, threshold index, count) for every non-zero count.</summary>
    public IEnumerable<(string Group, int Threshold, int Count)> StaleCounts =>
        _stale.Select(kv => (kv.Key.Group, kv.Key.Threshold, kv.Value));

    private void Decrement((string Group, int Threshold) key)
    {
        int left = _stale[key] - 1;
        if (left == 0)
            _stale.Remove(key);
        else
            _stale[key] = left;
    }

    private void Rebuild()
    {
        _due.Clear();
        foreach (var (id, entry) in _entries)
        {
            for (int t = 0; t < thresholds.Count; t++)
            {
                if ((entry.StaleMask & (1 << t)) == 0)
                    _due.Enqueue((id, entry.LastSeen, t), entry.LastSeen + thresholds[t].Age);
            }
        }
    }

    private sealed class Entry(string group, DateTimeOffset lastSeen)
    {
        public string Group { get; } = group;
        public DateTimeOffset LastSeen { get; } = lastSeen;
        public int StaleMask { get; set; }
    }
}
