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
    private long _throttled;

    public void RecordRequest(string endpoint, string code) =>
        Interlocked.Increment(ref _requests.GetOrAdd((endpoint, code), static _ => new StrongBox<long>()).Value);

    public void RecordInvalidResponse(string endpoint) =>
        Interlocked.Increment(ref _invalid.GetOrAdd(endpoint, static _ => new StrongBox<long>()).Value);

    public void RecordThrottled() => Interlocked.Increment(ref _throttled);

    public long Throttled => Interlocked.Read(ref _throttled);

    public IEnumerable<(string Endpoint, string Code, long Count)> Requests =>
        _requests.Select(kv => (kv.Key.Endpoint, kv.Key.Code, Interlocked.Read(ref kv.Value.Value)));

    public IEnumerable<(string Endpoint, long Count)> InvalidResponses =>
        _invalid.Select(kv => (kv.Key, Interlocked.Read(ref kv.Value.Value)));
}
