using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// The toolkit's handler in front of every endpoint: the configured response headers, the rate limit, then basic
/// auth. <paramref name="unprotected"/> (the liveness check) skips the limit and the login: see docs/security.md.
/// </summary>
public sealed class WebAccessMiddleware(
    RequestDelegate next,
    WebConfigSource source,
    PasswordCheck passwords,
    WebAccessStats stats,
    ILogger<WebAccessMiddleware> logger,
    PathString unprotected)
{
    private const int LoggedUserLength = 64;

    public async Task InvokeAsync(HttpContext http)
    {
        var reading = source.Current;
        foreach (var (header, value) in reading.Config.Http.Headers)
            http.Response.Headers[header] = value;
        if (http.Request.Path.Equals(unprotected, StringComparison.Ordinal))
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        if (reading.Limiter?.TryTake() == false)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }
        var users = reading.Config.BasicAuthUsers;
        if (users.Count > 0 && await Refusal(http, users).ConfigureAwait(false) is { } failure)
        {
            stats.Failed(failure);
            http.Response.Headers.WWWAuthenticate = "Basic";
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        await next(http).ConfigureAwait(false);
    }

    private async ValueTask<LoginFailure?> Refusal(HttpContext http, IReadOnlyDictionary<string, string> users)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (BasicCredentials.Parse(http.Request.Headers.Authorization) is not { } credentials)
        {
            // A browser's first request has none, so this one is not a warning.
            Log.CredentialsAsked(logger, http.Request.Path.Value ?? "", remote);
            return LoginFailure.NoCredentials;
        }
        var failure = await passwords.CheckAsync(credentials.User, credentials.Password, users, http.RequestAborted).ConfigureAwait(false);
        if (failure is { } reason)
            Log.FailedLogin(logger, Printable(credentials.User), http.Request.Path.Value ?? "", remote, reason.Label());
        return failure;
    }

    // The user name is the client's to choose: shortened and stripped of control characters before it reaches a log.
    private static string Printable(string user)
    {
        var text = new StringBuilder(Math.Min(user.Length, LoggedUserLength));
        foreach (char c in user.AsSpan(0, Math.Min(user.Length, LoggedUserLength)))
            text.Append(char.IsControl(c) ? '?' : c);
        return text.ToString();
    }
}
