namespace MetaAccessExporter.WebConfig;

/// <summary><c>rate_limit</c>: Go's <c>rate.Limiter</c>, tokens accruing one per interval up to the burst.</summary>
public sealed class TokenBucket(RateLimitConfig config, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = config.Burst;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_lock)
        {
            long now = time.GetTimestamp();
            _tokens = Math.Min(config.Burst, _tokens + (time.GetElapsedTime(_last, now) / config.Interval));
            _last = now;
            if (_tokens < 1)
                return false;
            _tokens--;
            return true;
        }
    }
}
