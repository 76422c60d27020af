namespace MetaAccessExporter.Model;

/// <summary>
/// Counts, per group and threshold, the devices whose <c>last_seen</c> is older than the threshold,
/// without walking the fleet: each device waits in the queue for the next threshold it will cross,
/// from the shortest to the longest, and <see cref="AdvanceTo"/> only pops what fell due since the
/// last call. One small queue entry a device, not one per threshold: at 100,000 devices the queue
/// is a few megabytes. Entries made obsolete by a newer <c>last_seen</c> are dropped when popped,
/// and the queue is rebuilt when such garbage outweighs the live entries. Not thread-safe:
/// <see cref="DeviceModel"/> holds its lock.
/// </summary>
internal sealed class StalenessTracker
{
    private readonly IReadOnlyList<StaleThreshold> _thresholds;

    // Threshold indices from the shortest age to the longest: the order a device crosses them.
    private readonly int[] _byAge;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // (device, position in _byAge) by the instant, in UTC ticks, it crosses that threshold.
    private readonly PriorityQueue<(Entry Entry, int Step), long> _due = new();
    private readonly Dictionary<(string Group, int Threshold), int> _stale = new();

    public StalenessTracker(IReadOnlyList<StaleThreshold> thresholds)
    {
        _thresholds = thresholds;
        _byAge = [.. Enumerable.Range(0, thresholds.Count).OrderBy(t => thresholds[t].Age)];
    }

    public IReadOnlyList<StaleThreshold> Thresholds => _thresholds;

    public void Set(string id, string group, DateTimeOffset? lastSeen)
    {
        Remove(id);
        if (lastSeen is not { } seen)
            return;
        var entry = new Entry(group, seen);
        _entries[id] = entry;
        Enqueue(entry, 0);
        if (_due.Count > 2 * _entries.Count + 1024)
            Rebuild();
    }

    public void Remove(string id)
    {
        if (!_entries.Remove(id, out var old))
            return;
        old.Obsolete = true;
        for (int t = 0; t < _thresholds.Count; t++)
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
        long ticks = now.UtcTicks;
        while (_due.TryPeek(out var item, out var dueAt) && dueAt <= ticks)
        {
            _due.Dequeue();
            if (item.Entry.Obsolete)
                continue;
            int threshold = _byAge[item.Step];
            item.Entry.StaleMask |= 1 << threshold;
            var key = (item.Entry.Group, threshold);
            _stale[key] = _stale.GetValueOrDefault(key) + 1;
            Enqueue(item.Entry, item.Step + 1);
        }
    }

    /// <summary>(group, threshold index, count) for every non-zero count.</summary>
    public IEnumerable<(string Group, int Threshold, int Count)> StaleCounts =>
        _stale.Select(kv => (kv.Key.Group, kv.Key.Threshold, kv.Value));

    private void Enqueue(Entry entry, int step)
    {
        if (step < _byAge.Length)
            _due.Enqueue((entry, step), (entry.LastSeen + _thresholds[_byAge[step]].Age).UtcTicks);
    }

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
        foreach (var entry in _entries.Values)
        {
            int step = 0;
            while (step < _byAge.Length && (entry.StaleMask & (1 << _byAge[step])) != 0)
                step++;
            Enqueue(entry, step);
        }
    }

    private sealed class Entry(string group, DateTimeOffset lastSeen)
    {
        public string Group { get; } = group;
        public DateTimeOffset LastSeen { get; } = lastSeen;
        public int StaleMask { get; set; }

        /// <summary>Replaced by a newer <c>last_seen</c> or removed: its queue entry is dropped when popped.</summary>
        public bool Obsolete { get; set; }
    }
}
