using MetaAccess.Simulator.Json;
using MetaAccess.Simulator.RateLimiting;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>A finished answer, kept as bytes so a fault can still mangle it before it is sent.</summary>
/// <param name="RetryAfter">Sent as <c>Retry-After</c>; only injected throttling sets it, the real window never does.</param>
/// <param name="Window">The window as the call's counting left it; null for a call refused before it was counted.</param>
internal sealed record ApiAnswer(
    int StatusCode,
    byte[] Body,
    TimeSpan? RetryAfter = null,
    string ContentType = "application/json; charset=utf-8",
    RateWindowReading? Window = null)
{
    public static ApiAnswer Json(int statusCode, byte[] body) => new(statusCode, body);

    public static ApiAnswer Error(int statusCode, string error, string description, TimeSpan? retryAfter = null) =>
        new(statusCode, ApiJson.Write(w => ApiJson.WriteError(w, error, description)), retryAfter);
}
