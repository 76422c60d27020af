namespace MetaAccess.Simulator.RateLimiting;

/// <summary>
/// Another client of the same account (the vendor's SIEM add-on, a script): it spends the account's budget behind
/// the exporter's back, so only the rate-limit headers tell the exporter what is really left. Its calls are not
/// MetaAccess API requests to the simulator, so they never appear among the simulator's arrivals.
/// </summary>
internal sealed class OtherClient : IDisposable
{
    private readonly AccountRateWindow _window;
    private readonly ITimer? _timer;
    private long _admitted;

    /// <param name="callsPerMinute">Calls spread evenly over each minute of <paramref name="time"/>; 0: none of its own.</param>
    public OtherClient(AccountRateWindow window, int callsPerMinute, TimeProvider time)
    {
        _window = window;
        if (callsPerMinute > 0)
        {
            // A timer of the simulator's clock, so a FakeTimeProvider decides when the other client calls.
            var period = TimeSpan.FromMinutes(1) / callsPerMinute;
            _timer = time.CreateTimer(_ => Spend(1), null, period, period);
        }
    }

    /// <summary>Calls of the other client the window admitted so far.</summary>
    public long Admitted => Interlocked.Read(ref _admitted);

    /// <summary>Makes up to <paramref name="calls"/> calls now; returns how many the window admitted.</summary>
    public int Spend(int calls)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        var admitted = 0;
        // Once one call is refused, every later call at the same instant would be too.
        while (admitted < calls && _window.TrySpend())
        {
            admitted++;
        }

        Interlocked.Add(ref _admitted, admitted);
        return admitted;
    }

    public void Dispose() => _timer?.Dispose();
}
