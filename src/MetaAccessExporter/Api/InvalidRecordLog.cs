using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Api;

/// <summary>
/// Logs a skipped record once per endpoint and device id. The same broken device comes back on every walk, and a
/// warning per walk would bury everything else; the counter shows that it keeps coming. The memory of ids already
/// logged is bounded (oldest forgotten first), so a fleet full of broken records cannot grow it without end.
/// </summary>
public sealed class InvalidRecordLog(ILogger<InvalidRecordLog> logger, int capacity = InvalidRecordLog.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    // Records without a readable id share this key: they are logged once, then only counted.
    private const string NoId = "";

    private readonly object _gate = new();
    private readonly HashSet<(string Endpoint, string DeviceId)> _logged = [];
    private readonly Queue<(string Endpoint, string DeviceId)> _oldestFirst = new();

    /// <param name="deviceId">The record's id, or null when it has no readable <c>device_id</c>.</param>
    /// <param name="problem">What is wrong with it; never a value of the record (no secret, no personal data).</param>
    public void Skipped(string endpoint, string? deviceId, string problem)
    {
        var key = (endpoint, deviceId ?? NoId);
        lock (_gate)
        {
            if (!_logged.Add(key))
                return;
            _oldestFirst.Enqueue(key);
            if (_oldestFirst.Count > capacity)
                _logged.Remove(_oldestFirst.Dequeue());
        }
        Log.InvalidRecord(logger, endpoint, deviceId ?? "(no device_id)", problem);
    }
}
