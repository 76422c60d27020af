namespace MetaAccess.Simulator.RateLimiting;

/// <summary>
/// The account's one strict sliding 60-second window. The vendor describes its limit as the account's, so every call
/// made with the account's credentials spends it: token requests, every endpoint, every token, and other clients of
/// the account. A call is admitted only if fewer than the limit were admitted in the 60 seconds before it. Refused
/// calls are not recorded, so a client that keeps knocking does not push its own slot further away.
/// </summary>
internal sealed class AccountRateWindow(int limit, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _admitted = new();
    private long _refused;

    /// <summary>API calls refused because the window was full: each is a real (not injected) 429.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Counts an API call if the window has room; the reading is what its answer's headers say.</summary>
    public bool TryAdmit(out RateWindowReading reading) => Admit(countRefusal: true, out reading);

    /// <summary>
    /// Counts a call of another client of the account. Its refusals are not counted in <see cref="Refused"/>, which
    /// measures the 429s the API's own callers (the exporter) met.
    /// </summary>
    public bool TrySpend() => Admit(countRefusal: false, out _);

    /// <summary>The window as it stands, for answers given without counting the call (a 401, an injected fault).</summary>
    public RateWindowReading Read()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Evict(now);
            return ReadingAt(now);
        }
    }

    private bool Admit(bool countRefusal, out RateWindowReading reading)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Evict(now);
            var admitted = _admitted.Count < limit;
            if (admitted)
            {
                _admitted.Enqueue(now);
            }
            else if (countRefusal)
            {
                Interlocked.Increment(ref _refused);
            }

            reading = ReadingAt(now);
            return admitted;
        }
    }

    private void Evict(DateTimeOffset now)
    {
        while (_admitted.Count > 0 && _admitted.Peek() <= now - Window)
        {
            _admitted.Dequeue();
        }
    }

    // An empty window has nothing to wait for: the reset is then zero.
    private RateWindowReading ReadingAt(DateTimeOffset now) => new(
        limit,
        Math.Max(0, limit - _admitted.Count),
        _admitted.Count == 0 ? TimeSpan.Zero : _admitted.Peek() + Window - now);
}
