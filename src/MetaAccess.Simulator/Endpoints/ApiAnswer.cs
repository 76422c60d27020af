using MetaAccess.Simulator.Json;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>A finished answer, kept as bytes so a fault can still mangle it before it is sent.</summary>
internal sealed record ApiAnswer(
    int StatusCode, byte[] Body, TimeSpan? RetryAfter = null, string ContentType = "application/json; charset=utf-8")
{
    public static ApiAnswer Json(int statusCode, byte[] body) => new(statusCode, body);

    public static ApiAnswer Error(int statusCode, string error, string description, TimeSpan? retryAfter = null) =>
        new(statusCode, ApiJson.Write(w => ApiJson.WriteError(w, error, description)), retryAfter);
}
