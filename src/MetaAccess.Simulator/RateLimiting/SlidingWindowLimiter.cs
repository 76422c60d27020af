namespace MetaAccess.Simulator.RateLimiting;

/// <summary>
/// A strict sliding 60-second window per key (access token, or client_id for token requests): a call
/// is admitted only if fewer than the limit were admitted in the 60 seconds before it. Rejected calls
/// are not recorded, so a client that keeps knocking does not push its own slot further away.
/// </summary>
internal sealed class SlidingWindowLimiter(int limit, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _admitted = new(StringComparer.Ordinal);
    private long _refused;

    /// <summary>Calls refused because the window was full: each is a real (not injected) 429.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Admits the call, or says how long until a slot frees.</summary>
    public bool TryAdmit(string key, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_admitted.TryGetValue(key, out var calls))
            {
                _admitted[key] = calls = new Queue<DateTimeOffset>();
            }

            while (calls.Count > 0 && calls.Peek() <= now - Window)
            {
                calls.Dequeue();
            }

            if (calls.Count >= limit)
            {
                Interlocked.Increment(ref _refused);
                retryAfter = calls.Peek() + Window - now;
                return false;
            }

            calls.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
