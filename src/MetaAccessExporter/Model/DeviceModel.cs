namespace MetaAccessExporter.Model;

/// <summary>
/// Every device the exporter knows, with aggregates and staleness counts kept current as devices
/// are applied, and the <see cref="SyncCheckpoint"/> that says how complete they are. Writers (the
/// poller, enrichment, restore) and readers (scrapes, persistence) meet at one short lock; a reader
/// copies numbers out, never walks the fleet.
/// </summary>
public sealed class DeviceModel
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Device> _devices = new(StringComparer.Ordinal);
    private readonly FleetAggregates _aggregates = new();
    private readonly StalenessTracker _staleness;
    private readonly IDeviceModelObserver[] _observers;
    private volatile SyncCheckpoint? _checkpoint;

    public DeviceModel(IReadOnlyList<StaleThreshold> staleThresholds, IEnumerable<IDeviceModelObserver> observers)
    {
        _staleness = new StalenessTracker(staleThresholds);
        _observers = observers.ToArray();
    }

    public int Count
    {
        get { lock (_gate) return _devices.Count; }
    }

    /// <summary>How complete the model is; null until a sync completed or a saved model was restored.</summary>
    public SyncCheckpoint? Checkpoint => _checkpoint;

    /// <summary>Raised after <see cref="Checkpoint"/> moved, outside the lock: the model is worth saving.</summary>
    public event Action? CheckpointMoved;

    /// <summary>Records how complete the model now is (a completed cycle, or a gap found).</summary>
    public void MoveCheckpoint(SyncCheckpoint checkpoint)
    {
        lock (_gate)
            _checkpoint = checkpoint;
        CheckpointMoved?.Invoke();
    }

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

    /// <summary>Replaces the whole model and its checkpoint with a saved one.</summary>
    public void Restore(SavedModel saved)
    {
        lock (_gate)
        {
            foreach (var id in _devices.Keys.ToList())
                Remove(id);
            foreach (var device in saved.Devices)
                Put(_devices.GetValueOrDefault(device.Id), device);
            _checkpoint = saved.Checkpoint;
        }
    }

    /// <summary>Every device with the checkpoint they go with, taken at one instant: what persistence saves.</summary>
    public SavedModel? Capture()
    {
        lock (_gate)
            return _checkpoint is { } checkpoint ? new SavedModel(checkpoint, _devices.Values.ToArray()) : null;
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
            var seen = lastSeen > current.LastSeen || current.LastSeen is null ? lastSeen ?? current.LastSeen : current.LastSeen;
            Put(current, current with { Details = details, LastSeen = seen });
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
        var merged = incoming with { ChangedAt = current.ChangedAt, Details = current.Details };
        if (merged == current)
            return;
        Put(current, incoming with { Details = current.Details });
    }

    private void Remove(string id)
    {
        if (!_devices.Remove(id, out var current))
            return;
        _aggregates.Remove(current);
        _staleness.Remove(id);
        Notify(current, null);
    }

    private void Put(Device? current, Device next)
    {
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
        foreach (var observer in _observers)
            observer.OnDeviceChanged(before, after);
    }
}
