namespace MetaAccessExporter.Model;

/// <summary>
/// Every device the exporter knows, with aggregates and staleness counts kept current as devices
/// are applied (how complete they are is <see cref="Completeness"/>'s). Writers (the delta poller,
/// inventory passes, enrichment, restore) and readers (scrapes, persistence) meet at one short lock;
/// a reader copies numbers out, never walks the fleet.
/// </summary>
public sealed partial class DeviceModel
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Device> _devices = new(StringComparer.Ordinal);
    private readonly FleetAggregates _aggregates = new();
    private readonly StalenessTracker _staleness;
    private readonly IDeviceModelObserver[] _observers;
    private readonly TimeProvider _time;
    private readonly LabelStringPool _labels = new();
    private long _changes;

    public DeviceModel(IReadOnlyList<StaleThreshold> staleThresholds, IEnumerable<IDeviceModelObserver> observers,
        TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _staleness = new StalenessTracker(staleThresholds);
        _observers = observers.ToArray();
    }

    public int Count
    {
        get { lock (_gate) return _devices.Count; }
    }

    /// <summary>
    /// How many times a device was added, changed or removed since start: persistence compares it
    /// with the count it last saved, so an idle model is not written again.
    /// </summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>
    /// Applies one page at once: upserts, then deletions. Applying the same device twice is a no-op
    /// (pages overlap by design); a device whose data did not change keeps its <c>ChangedAt</c> and details.
    /// </summary>
    public void Apply(IEnumerable<Device> upserts, IEnumerable<string> deletions)
    {
        lock (_gate)
        {
            foreach (var incoming in upserts)
                Upsert(incoming);
            foreach (var id in deletions)
                Remove(id);
        }
    }

    /// <summary>Replaces every device with the saved ones.</summary>
    public void Restore(IEnumerable<Device> saved)
    {
        lock (_gate)
        {
            foreach (var id in _devices.Keys.ToList())
                Remove(id);
            foreach (var device in saved)
                Put(_devices.GetValueOrDefault(device.Id), device);
        }
    }

    /// <summary>
    /// Stores what device details told about a device still in the model. Their <c>last_seen</c> is
    /// taken when newer: the delta feed only reports a device when it changes.
    /// </summary>
    public bool SetDetails(string id, DeviceDetailsSummary details, DateTimeOffset? lastSeen)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(id, out var current))
                return false;
            Put(current, current with { Details = details, LastSeen = Latest(current.LastSeen, lastSeen) });
            return true;
        }
    }

    /// <summary>A copy of every device (for persistence and enrichment planning, not for scrapes).</summary>
    public IReadOnlyList<Device> ListDevices()
    {
        lock (_gate) return _devices.Values.ToArray();
    }

    public FleetSnapshot Snapshot(DateTimeOffset now)
    {
        int count;
        DeviceCount[] devices;
        GroupSnapshot[] groups;
        (string Group, int Threshold, int Count)[] stale;
        CategoryCount[] categories, critical;
        // Copy under the lock, sort outside it: a scrape holds the poller up no longer than a copy takes.
        lock (_gate)
        {
            _staleness.AdvanceTo(now);
            count = _devices.Count;
            devices = _aggregates.Devices.Select(kv => new DeviceCount(kv.Key.Group, kv.Key.Status, kv.Key.Severity, kv.Value)).ToArray();
            groups = _aggregates.Groups.Select(kv => new GroupSnapshot(kv.Key, kv.Value.Devices, kv.Value.Issues, kv.Value.CriticalIssues,
                kv.Value.WarningIssues, kv.Value.DevicesWithCriticalIssues, kv.Value.DevicesInfected, kv.Value.Threats)).ToArray();
            stale = _staleness.StaleCounts.ToArray();
            categories = Categories(_aggregates.CategoryIssues);
            critical = Categories(_aggregates.CriticalCategoryIssues);
        }
        return new FleetSnapshot(
            count,
            devices.OrderBy(c => c.Group, StringComparer.Ordinal).ThenBy(c => c.Status, StringComparer.Ordinal)
                .ThenBy(c => c.Severity, StringComparer.Ordinal).ToArray(),
            groups.OrderBy(g => g.Group, StringComparer.Ordinal).ToArray(),
            stale.OrderBy(s => s.Group, StringComparer.Ordinal).ThenBy(s => s.Threshold)
                .Select(s => new StaleCount(s.Group, _staleness.Thresholds[s.Threshold].Label, s.Count)).ToArray(),
            categories.OrderBy(c => c.Category, StringComparer.Ordinal).ToArray(),
            critical.OrderBy(c => c.Category, StringComparer.Ordinal).ToArray());
    }

    private static CategoryCount[] Categories(Dictionary<string, int> counts) =>
        counts.Select(kv => new CategoryCount(kv.Key, kv.Value)).ToArray();

    private void Upsert(Device incoming)
    {
        if (!_devices.TryGetValue(incoming.Id, out var current))
        {
            Put(null, incoming);
            return;
        }
        // The feed's last_seen is only as fresh as the device's last status change; the inventory's may be newer.
        PutChanged(current, incoming with { Details = current.Details, LastSeen = Latest(current.LastSeen, incoming.LastSeen) });
    }

    /// <summary>
    /// Stores <paramref name="next"/> unless it says nothing new. An agent's report that moves only
    /// <c>last_seen</c> is no change of the device: it keeps its <c>ChangedAt</c>, so enrichment and
    /// reconciliation do not take it for one.
    /// </summary>
    private void PutChanged(Device current, Device next)
    {
        var unchanged = next with { ChangedAt = current.ChangedAt, LastSeen = current.LastSeen };
        if (unchanged == current)
        {
            if (next.LastSeen != current.LastSeen)
                Put(current, current with { LastSeen = next.LastSeen });
            return;
        }
        Put(current, next);
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null || b > a ? b : a;

    private void Remove(string id)
    {
        // Remembered even for a device the model lacks: a listing asked for earlier must not bring it in.
        _removedAt[id] = _time.GetUtcNow();
        if (!_devices.Remove(id, out var current))
            return;
        _aggregates.Remove(current);
        _staleness.Remove(id);
        Notify(current, null);
    }

    private void Put(Device? current, Device next)
    {
        next = _labels.Share(next);
        if (current is not null)
            _aggregates.Remove(current);
        _devices[next.Id] = next;
        _aggregates.Add(next);
        if (current?.LastSeen != next.LastSeen || current?.Group != next.Group)
            _staleness.Set(next.Id, next.Group, next.LastSeen);
        Notify(current, next);
    }

    private void Notify(Device? before, Device? after)
    {
        Interlocked.Increment(ref _changes);
        foreach (var observer in _observers)
            observer.OnDeviceChanged(before, after);
    }
}
