using System.Globalization;
using System.Text;
using MetaAccess.Simulator.Hosting;
using MetaAccess.Simulator.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>Who is calling: the rate-limit window to charge, or why the call is refused before that.</summary>
internal sealed record Caller(SlidingWindowLimiter Limiter, string Key, ApiAnswer? Refusal = null);

/// <summary>
/// The steps every MetaAccess API call shares, in the order a real front end would take them:
/// delay, authentication, throttling (injected, then the real window), server errors, the answer,
/// and finally garbage in place of a good body.
/// </summary>
internal static class ApiPipeline
{
    private static readonly byte[] HtmlGarbage = Encoding.UTF8.GetBytes(
        "<html><head><title>502 Bad Gateway</title></head><body>upstream hiccup</body></html>");

    public static async Task RunAsync(
        HttpContext context,
        Func<HttpContext, SimulatorState, Task<Caller>> identify,
        Func<HttpContext, SimulatorState, Task<ApiAnswer>> handle)
    {
        var state = context.RequestServices.GetRequiredService<SimulatorState>();
        var answer = await AnswerAsync(context, state, identify, handle);
        await SendAsync(context, answer);
    }

    private static async Task<ApiAnswer> AnswerAsync(
        HttpContext context,
        SimulatorState state,
        Func<HttpContext, SimulatorState, Task<Caller>> identify,
        Func<HttpContext, SimulatorState, Task<ApiAnswer>> handle)
    {
        state.Arrivals.Enqueue(state.Time.GetUtcNow());
        var faults = state.Faults;
        if (faults.Delay is { } delay && delay > TimeSpan.Zero)
        {
            // Stopping the server must not wait out a long delay that a test's fake clock never reaches.
            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await Task.Delay(delay, state.Time, cancel.Token);
        }

        var caller = await identify(context, state);
        if (caller.Refusal is not null)
        {
            return caller.Refusal;
        }

        if (faults.Roll(faults.ThrottleRate))
        {
            // Injected throttling happens in front of the real window, so it does not use up a slot.
            var retryAfter = faults.Next(2) == 0 ? TimeSpan.FromSeconds(1 + faults.Next(5)) : (TimeSpan?)null;
            return ApiAnswer.Error(429, "rate_limited", "Too many requests (injected).", retryAfter);
        }

        if (!caller.Limiter.TryAdmit(caller.Key, out var wait))
        {
            return ApiAnswer.Error(429, "rate_limited", "Rate limit exceeded: 10 requests/min.", wait);
        }

        if (faults.Roll(faults.ServerErrorRate))
        {
            var code = faults.Next(3) switch { 0 => 500, 1 => 502, _ => 503 };
            return ApiAnswer.Error(code, "server_error", "Internal error (injected).");
        }

        var answer = await handle(context, state);
        if (answer.StatusCode == 200 && faults.Roll(faults.GarbageRate))
        {
            return faults.Next(2) == 0
                ? answer with { Body = HtmlGarbage, ContentType = "text/html" }
                : answer with { Body = answer.Body[..(answer.Body.Length / 2)] };
        }

        return answer;
    }

    private static async Task SendAsync(HttpContext context, ApiAnswer answer)
    {
        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.ContentType;
        if (answer.RetryAfter is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>Identification for the device endpoints: a valid <c>access_token</c> query parameter.</summary>
    public static Task<Caller> ByAccessToken(HttpContext context, SimulatorState state)
    {
        string? token = context.Request.Query["access_token"];
        var caller = state.Tokens.IsValid(token)
            ? new Caller(state.ApiLimiter, token!)
            : new Caller(state.ApiLimiter, "", ApiAnswer.Error(401, "invalid_token", "Your access_token is invalid or expired."));
        return Task.FromResult(caller);
    }
}
