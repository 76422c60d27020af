namespace MetaAccess.Simulator.Fleet;

/// <summary>
/// Monitored devices by id, plus a dense index so churn can pick a device uniformly in O(1).
/// Removal swaps the last id into the hole, which keeps picks deterministic for a given history.
/// Not thread-safe: <see cref="SimulatedFleet"/> holds the lock.
/// </summary>
internal sealed class DeviceTable
{
    private readonly Dictionary<string, SimulatedDevice> _devices = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    public int Count => _devices.Count;

    public IEnumerable<SimulatedDevice> Values => _devices.Values;

    public bool Contains(string deviceId) => _devices.ContainsKey(deviceId);

    public SimulatedDevice? Find(string deviceId) => _devices.GetValueOrDefault(deviceId);

    public SimulatedDevice Pick(Random random) => _devices[_ids[random.Next(_ids.Count)]];

    public void Add(SimulatedDevice device)
    {
        _devices.Add(device.DeviceId, device);
        _positions[device.DeviceId] = _ids.Count;
        _ids.Add(device.DeviceId);
    }

    /// <summary>Replaces a device already in the table with its changed record.</summary>
    public void Replace(SimulatedDevice device) => _devices[device.DeviceId] = device;

    public SimulatedDevice? Remove(string deviceId)
    {
        if (!_devices.Remove(deviceId, out var device))
        {
            return null;
        }

        var position = _positions[deviceId];
        var last = _ids[^1];
        _ids[position] = last;
        _positions[last] = position;
        _ids.RemoveAt(_ids.Count - 1);
        _positions.Remove(deviceId);
        return device;
    }
}
