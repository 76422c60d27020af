using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MetaAccess.Simulator.RateLimiting;

/// <summary>
/// The headers the vendor's general APIs page documents on every answer. There is no <c>Retry-After</c> among them:
/// a client learns when to come back from <c>X-RateLimit-Reset-Time</c>.
/// </summary>
internal static class RateLimitHeaders
{
    public const string Limit = "X-RateLimit-Limit";
    public const string Remaining = "X-RateLimit-Remaining";
    public const string ResetTime = "X-RateLimit-Reset-Time";

    public static void Write(IHeaderDictionary headers, RateWindowReading reading)
    {
        headers[Limit] = reading.Limit.ToString(CultureInfo.InvariantCulture);
        headers[Remaining] = reading.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[ResetTime] = reading.ResetSeconds.ToString(CultureInfo.InvariantCulture);
    }
}
