using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// The toolkit's handler in front of every endpoint: the configured response headers, the rate limit, then basic
/// auth. <paramref name="unprotected"/> (the liveness check) skips the limit and the login: see docs/security.md.
/// A kept-alive connection whose client certificate the configuration in force now refuses is closed.
/// </summary>
public sealed class WebAccessMiddleware(
    RequestDelegate next,
    WebConfigSource source,
    PasswordCheck passwords,
    ClientCertificateCheck certificates,
    WebAccessStats stats,
    RefusalLog refusals,
    ILogger<WebAccessMiddleware> logger,
    PathString unprotected)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var reading = source.Current;
        if (source.ServesTls && !certificates.StillAccepted(http, reading))
        {
            http.Abort();
            return;
        }
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
        if (reading.Users.Count > 0 && await Refusal(http, reading.Users).ConfigureAwait(false) is { } failure)
        {
            stats.Failed(failure);
            if (failure == LoginFailure.TooManyAttempts)
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return;
            }
            http.Response.Headers.WWWAuthenticate = "Basic";
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        await next(http).ConfigureAwait(false);
    }

    private async ValueTask<LoginFailure?> Refusal(HttpContext http, BasicAuthUsers users)
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
            refusals.FailedLogin(credentials.User, http.Request.Path.Value ?? "", remote, reason);
        return failure;
    }
}
