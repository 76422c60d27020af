using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MetaAccessExporter.Api;

/// <summary>
/// Counters of the exporter's own API traffic. Written by the HTTP handlers, read by the metrics
/// renderers and the OpenTelemetry instruments, so both report the same numbers.
/// </summary>
public sealed class ApiCallStats
{
    private readonly ConcurrentDictionary<(string Endpoint, string Code), StrongBox<long>> _requests = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _invalid = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _invalidRecords = new();
    private long _throttled;

    public void RecordRequest(string endpoint, string code) =>
        Interlocked.Increment(ref _requests.GetOrAdd((endpoint, code), static _ => new StrongBox<long>()).Value);

    public void RecordInvalidResponse(string endpoint) =>
        Interlocked.Increment(ref _invalid.GetOrAdd(endpoint, static _ => new StrongBox<long>()).Value);

    /// <summary>One record of an otherwise usable answer was skipped: wrong shape, or no readable <c>device_id</c>.</summary>
    public void RecordInvalidRecord(string endpoint) =>
        Interlocked.Increment(ref _invalidRecords.GetOrAdd(endpoint, static _ => new StrongBox<long>()).Value);

    public void RecordThrottled() => Interlocked.Increment(ref _throttled);

    public long Throttled => Interlocked.Read(ref _throttled);

    public IEnumerable<(string Endpoint, string Code, long Count)> Requests =>
        _requests.Select(kv => (kv.Key.Endpoint, kv.Key.Code, Interlocked.Read(ref kv.Value.Value)));

    public IEnumerable<(string Endpoint, long Count)> InvalidResponses =>
        _invalid.Select(kv => (kv.Key, Interlocked.Read(ref kv.Value.Value)));

    public IEnumerable<(string Endpoint, long Count)> InvalidRecords =>
        _invalidRecords.Select(kv => (kv.Key, Interlocked.Read(ref kv.Value.Value)));
}
