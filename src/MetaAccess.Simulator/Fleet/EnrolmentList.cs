namespace MetaAccess.Simulator.Fleet;

/// <summary>
/// Monitored devices in the order they enrolled, each under a sequence number it keeps for life. The
/// inventory's cursor is such a number, so a cursor naming a device that has since left still says
/// where to go on, and a device's place never moves when it changes. Not thread-safe: <see
/// cref="SimulatedFleet"/> holds the lock.
/// </summary>
internal sealed class EnrolmentList
{
    private readonly SortedList<long, string> _bySequence = [];
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private long _last;

    public IEnumerable<string> Ids => _bySequence.Values;

    public void Append(string deviceId)
    {
        _last++;
        _bySequence.Add(_last, deviceId);
        _sequences[deviceId] = _last;
    }

    public void Remove(string deviceId)
    {
        if (_sequences.Remove(deviceId, out var sequence))
        {
            _bySequence.Remove(sequence);
        }
    }

    /// <summary>Up to <paramref name="count"/> devices enrolled after <paramref name="sequence"/>, oldest first.</summary>
    public IReadOnlyList<(long Sequence, string DeviceId)> After(long sequence, int count)
    {
        var keys = _bySequence.Keys;
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (keys[middle] <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var values = _bySequence.Values;
        return [.. Enumerable.Range(low, Math.Min(count, keys.Count - low)).Select(i => (keys[i], values[i]))];
    }
}
