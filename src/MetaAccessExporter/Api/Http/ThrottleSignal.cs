using System.Net;

namespace MetaAccessExporter.Api.Http;

/// <summary>
/// Reads "you hit the rate limit" out of an answer. The API does not document its status code for
/// this: 429 is taken as the signal, and a 503 or 403 that carries a <c>Retry-After</c> means the same.
/// </summary>
public static class ThrottleSignal
{
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(15);

    /// <summary>How long to pause the budget, or null when the answer is not a throttle.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        bool throttled = response.StatusCode == HttpStatusCode.TooManyRequests
            || (retryAfter is not null && response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Forbidden);
        if (!throttled)
            return null;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - now : null);
        if (asked is not { } pause || pause <= TimeSpan.Zero)
            return DefaultPause;
        return pause > MaxPause ? MaxPause : pause;
    }
}
