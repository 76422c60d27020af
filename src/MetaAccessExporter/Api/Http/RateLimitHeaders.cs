using System.Globalization;
using MetaAccessExporter.Budget;

namespace MetaAccessExporter.Api.Http;

/// <summary>
/// Reads the vendor's rate-limit headers: <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> (calls
/// left in the current period) and <c>X-RateLimit-Reset-Time</c> (seconds until it resets). A header that
/// is missing or unreadable is as good as absent; nothing here can fail a call.
/// </summary>
public static class RateLimitHeaders
{
    public const string Limit = "X-RateLimit-Limit";
    public const string Remaining = "X-RateLimit-Remaining";
    public const string ResetTime = "X-RateLimit-Reset-Time";

    // A reset further off than this is not a per-minute limit's: it is clamped, not obeyed for hours.
    private static readonly TimeSpan MaxReset = TimeSpan.FromMinutes(15);
    // Above this a "seconds" value can only be a Unix time, which some servers send instead.
    private const double UnixTimeThreshold = 1_000_000_000;

    /// <summary>What the answer said, or null when it did not say how many calls are left.</summary>
    public static RateLimitReport? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        if (Number(response, Remaining) is not { } remaining)
            return null;
        var reset = ResetIn(response, now) ?? RateBudget.Window;
        int? limit = Number(response, Limit) is { } l && l > 0 ? (int)Math.Min(l, int.MaxValue) : null;
        return new RateLimitReport(limit, (int)Math.Clamp(remaining, 0, int.MaxValue), now + reset);
    }

    /// <summary>How long until the server's period resets, when the answer said.</summary>
    public static TimeSpan? ResetIn(HttpResponseMessage response, DateTimeOffset now)
    {
        if (Number(response, ResetTime) is not { } value || value < 0)
            return null;
        var reset = value >= UnixTimeThreshold
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000)) - now
            : TimeSpan.FromSeconds(value);
        return reset < TimeSpan.Zero ? TimeSpan.Zero : reset > MaxReset ? MaxReset : reset;
    }

    private static double? Number(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && double.IsFinite(number)
            ? number
            : null;
}
