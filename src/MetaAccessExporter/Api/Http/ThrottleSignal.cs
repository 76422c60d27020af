using System.Net;

namespace MetaAccessExporter.Api.Http;

/// <summary>
/// Reads "you hit the rate limit" out of an answer. The API documents 429 with no <c>Retry-After</c>;
/// a 503 or 403 that carries a <c>Retry-After</c> is taken to mean the same.
/// </summary>
public static class ThrottleSignal
{
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long to pause the budget, or null when the answer is not a throttle: the <c>Retry-After</c>,
    /// else the rate-limit reset time, else a full minute.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        bool throttled = response.StatusCode == HttpStatusCode.TooManyRequests
            || (retryAfter is not null && response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Forbidden);
        if (!throttled)
            return null;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - now : null);
        if (asked is not { } pause || pause <= TimeSpan.Zero)
            pause = RateLimitHeaders.ResetIn(response, now) is { } reset && reset > TimeSpan.Zero ? reset : DefaultPause;
        return pause > MaxPause ? MaxPause : pause;
    }
}
