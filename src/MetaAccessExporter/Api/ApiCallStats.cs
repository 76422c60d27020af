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

    /// <summary>
    /// Every endpoint's success, error and timeout counts, and its invalid answers and records, are there at 0 from
    /// the start: a dashboard or a rule reading a healthy exporter finds 0, not "No data". Other codes (401, 503…)
    /// appear when first met, as nothing can list them in advance.
    /// </summary>
    public ApiCallStats()
    {
        foreach (var endpoint in ApiEndpoint.All)
        {
            foreach (var code in SeededCodes)
                _requests[(endpoint, code)] = new StrongBox<long>();
            _invalid[endpoint] = new StrongBox<long>();
        }
        foreach (var endpoint in ApiEndpoint.WithRecords)
            _invalidRecords[endpoint] = new StrongBox<long>();
    }

    public static IReadOnlyList<string> SeededCodes { get; } = ["200", "error", "timeout"];

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
