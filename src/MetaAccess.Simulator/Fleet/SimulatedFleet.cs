using MetaAccess.Simulator.Fleet;

namespace MetaAccess.Simulator;

/// <summary>
/// The simulated tenant's devices. Deterministic from the seed; every public call first advances the
/// fleet to the <see cref="TimeProvider"/>'s now, applying every churn event due, so a test holding a
/// <c>FakeTimeProvider</c> decides exactly which changes have happened.
/// </summary>
public sealed class SimulatedFleet
{
    // The feed reaches back 24 hours, so older departures can never be asked for again.
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(86400);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly FeedOrder _feedOrder;
    private readonly DeviceFactory _churnFactory;
    private readonly DeviceFactory _manualFactory;
    private readonly Random _churnRandom;
    private readonly ChurnSchedule _churn;
    private readonly DeviceTable _devices = new();
    private readonly EnrolmentList _enrolments = new();
    private readonly List<DeletedDevice> _deleted = [];

    public SimulatedFleet(SimulatorOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? TimeProvider.System;
        _feedOrder = options.FeedOrder;
        var start = _time.GetUtcNow();

        // Separate generators keep the initial fleet identical whatever churn or tests do later.
        var initial = new Random(options.Seed);
        _churnRandom = new Random(unchecked(options.Seed * 31 + 1));
        _churnFactory = new DeviceFactory(_churnRandom);
        _manualFactory = new DeviceFactory(new Random(unchecked(options.Seed * 31 + 2)));
        _churn = new ChurnSchedule(_churnRandom, options.MeanTimeBetweenChanges, start, options.SilentDeleteShare);

        var factory = new DeviceFactory(initial);
        var history = new FleetHistory(new Random(unchecked(options.Seed * 31 + 5)), options.StaleShare);
        for (var i = 0; i < options.DeviceCount; i++)
        {
            // Most of the cloud re-evaluated within the last day (23 h, so a first full-window walk made within
            // an hour of start sees all of them); the history then sends a share of the fleet days back.
            var changedAt = start - TimeSpan.FromSeconds(initial.NextDouble() * 23 * 3600);
            _devices.Add(history.Backdate(factory.Create(start, changedAt), start));
        }

        var byEnrolment = _devices.Values.OrderBy(d => d.EnrolledAt).ThenBy(d => d.DeviceId, StringComparer.Ordinal);
        foreach (var device in byEnrolment.ToList())
        {
            _enrolments.Append(device.DeviceId);
        }

        Now = start;
    }

    /// <summary>Monitored devices now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                Advance();
                return _devices.Count;
            }
        }
    }

    /// <summary>The instant the fleet was last advanced to; read and written under the lock only.</summary>
    private DateTimeOffset Now { get; set; }

    /// <summary>Every monitored device now, ordered by device id.</summary>
    public IReadOnlyList<SimulatedDevice> Snapshot()
    {
        lock (_gate)
        {
            Advance();
            return [.. _devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal)];
        }
    }

    /// <summary>Every monitored device now, in the inventory's order: by enrolment, oldest first.</summary>
    public IReadOnlyList<SimulatedDevice> Inventory()
    {
        lock (_gate)
        {
            Advance();
            return [.. _enrolments.Ids.Select(id => _devices.Find(id)!)];
        }
    }

    /// <summary>Devices that left in the last 24 hours, oldest first, with or without a tombstone in the feed.</summary>
    public IReadOnlyList<DeletedDevice> Departures()
    {
        lock (_gate)
        {
            Advance();
            return [.. _deleted];
        }
    }

    public SimulatedDevice? Find(string deviceId)
    {
        lock (_gate)
        {
            Advance();
            return _devices.Find(deviceId);
        }
    }

    /// <summary>Sets a device's status and severity, as a change timestamped now. Issue counts are kept.</summary>
    /// <exception cref="KeyNotFoundException">No monitored device has that id.</exception>
    public void SetStatus(string deviceId, string status, string severity)
    {
        if (!TrySetStatus(deviceId, status, severity))
        {
            throw new KeyNotFoundException($"No monitored device '{deviceId}'.");
        }
    }

    /// <summary>The device's agent reports now with nothing new: <c>last_seen</c> moves, the feed does not list it.</summary>
    /// <exception cref="KeyNotFoundException">No monitored device has that id.</exception>
    public void CheckIn(string deviceId)
    {
        if (!TryCheckIn(deviceId))
        {
            throw new KeyNotFoundException($"No monitored device '{deviceId}'.");
        }
    }

    /// <summary>
    /// Enrolls a new, randomly drawn device (changed, seen and enrolled now, so it is last in the inventory);
    /// <paramref name="customize"/> may override any field, e.g. <c>d =&gt; d with { GroupName = null }</c>,
    /// except ChangedAt and EnrolledAt, which are always now.
    /// </summary>
    /// <exception cref="InvalidOperationException">The id is already monitored.</exception>
    public SimulatedDevice Add(Func<SimulatedDevice, SimulatedDevice>? customize = null)
    {
        lock (_gate)
        {
            Advance();
            var device = _manualFactory.Create(Now, Now) with { LastSeen = DeviceFactory.Truncate(Now) };
            device = (customize?.Invoke(device) ?? device).StatusChanged(Now) with { EnrolledAt = DeviceFactory.Truncate(Now) };
            if (_devices.Contains(device.DeviceId))
            {
                throw new InvalidOperationException($"Device '{device.DeviceId}' is already monitored.");
            }

            Enrol(device);
            return device;
        }
    }

    /// <summary>Deletes a device now, leaving a tombstone in the feed for 24 hours unless <paramref name="tombstone"/> is false.</summary>
    public bool Delete(string deviceId, bool tombstone = true)
    {
        lock (_gate)
        {
            Advance();
            return Remove(deviceId, Now, silent: !tombstone);
        }
    }

    internal bool TrySetStatus(string deviceId, string status, string severity)
    {
        lock (_gate)
        {
            Advance();
            if (_devices.Find(deviceId) is not { } device)
            {
                return false;
            }

            _devices.Replace((device with { Status = status, Severity = severity }).StatusChanged(Now));
            return true;
        }
    }

    internal bool TryCheckIn(string deviceId)
    {
        lock (_gate)
        {
            Advance();
            if (_devices.Find(deviceId) is not { } device)
            {
                return false;
            }

            _devices.Replace(device with { LastSeen = DeviceFactory.Truncate(Now) });
            return true;
        }
    }

    internal SimulatedDevice? FindByMac(string mac)
    {
        var wanted = mac.Replace('-', ':');
        lock (_gate)
        {
            Advance();
            // Privacy hides a device's MAC, so the cloud cannot be asked about it by MAC either.
            return _devices.Values.FirstOrDefault(d =>
                !d.IsPrivate && string.Equals(d.MacAddress, wanted, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// Monitored devices changed and devices deleted with a tombstone in the last <paramref name="age"/>, in
    /// the configured <see cref="FeedOrder"/>, and the instant it was computed at.
    /// </summary>
    internal (DateTimeOffset Now, IReadOnlyList<WindowEntry> Entries) Window(TimeSpan age)
    {
        lock (_gate)
        {
            Advance();
            var since = Now - age;
            var monitored = _devices.Values.Where(d => d.ChangedAt >= since)
                .Select(d => new WindowEntry(d.DeviceId, d, null));
            var deleted = _deleted.Where(d => !d.Silent && d.DeletedAt >= since)
                .Select(d => new WindowEntry(d.DeviceId, null, d));
            return (Now, [.. FeedOrdering.Sort(monitored.Concat(deleted), _feedOrder)]);
        }
    }

    /// <summary>Up to <paramref name="limit"/> devices enrolled after inventory position <paramref name="after"/>, with theirs.</summary>
    internal IReadOnlyList<(long Position, SimulatedDevice Device)> InventoryAfter(long after, int limit)
    {
        lock (_gate)
        {
            Advance();
            return [.. _enrolments.After(after, limit).Select(e => (e.Sequence, _devices.Find(e.DeviceId)!))];
        }
    }

    private void Advance()
    {
        var now = _time.GetUtcNow();
        while (_churn.NextAt <= now)
        {
            var at = _churn.NextAt;
            Apply(_churn.Take(), at);
        }

        _deleted.RemoveAll(d => d.DeletedAt < now - MaxAge);
        if (now > Now)
        {
            Now = now;
        }
    }

    private void Apply(FleetChange change, DateTimeOffset at)
    {
        if (change == FleetChange.Enrollment || _devices.Count == 0)
        {
            Enrol((_churnFactory.Create(at, at) with { LastSeen = DeviceFactory.Truncate(at) }).StatusChanged(at));
            return;
        }

        var device = _devices.Pick(_churnRandom);
        switch (change)
        {
            case FleetChange.Reevaluation:
                _devices.Replace(_churnFactory.Reevaluate(device, at));
                break;
            case FleetChange.CheckIn:
                _devices.Replace(device with { LastSeen = DeviceFactory.Truncate(at) });
                break;
            case FleetChange.Deletion or FleetChange.SilentDeletion when _devices.Count > 1:
                Remove(device.DeviceId, at, silent: change == FleetChange.SilentDeletion);
                break;
        }
    }

    private void Enrol(SimulatedDevice device)
    {
        _deleted.RemoveAll(d => d.DeviceId == device.DeviceId); // re-enrolled: no longer deleted
        _devices.Add(device);
        _enrolments.Append(device.DeviceId);
    }

    private bool Remove(string deviceId, DateTimeOffset at, bool silent)
    {
        if (_devices.Remove(deviceId) is not { } device)
        {
            return false;
        }

        _enrolments.Remove(deviceId);
        _deleted.Add(device.IsPrivate
            ? new DeletedDevice(deviceId, null, null, at, silent)
            : new DeletedDevice(deviceId, device.MacAddress, device.Ipv4Address, at, silent));
        return true;
    }
}
