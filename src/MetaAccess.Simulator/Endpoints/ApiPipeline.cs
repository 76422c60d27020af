using System.Globalization;
using System.Text;
using MetaAccess.Simulator.Hosting;
using MetaAccess.Simulator.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>
/// The steps every MetaAccess API call shares, in the order a real front end would take them:
/// delay, authentication, throttling (injected, then the real window), server errors, the answer,
/// and finally garbage in place of a good body.
/// </summary>
internal static class ApiPipeline
{
    private static readonly byte[] HtmlGarbage = Encoding.UTF8.GetBytes(
        "<html><head><title>502 Bad Gateway</title></head><body>upstream hiccup</body></html>");

    /// <param name="authenticate">The refusal (a 401) of a caller who may not spend the account's budget, or null.</param>
    public static async Task RunAsync(
        HttpContext context,
        Func<HttpContext, SimulatorState, Task<ApiAnswer?>> authenticate,
        Func<HttpContext, SimulatorState, Task<ApiAnswer>> handle)
    {
        var state = context.RequestServices.GetRequiredService<SimulatorState>();
        var answer = await AnswerAsync(context, state, authenticate, handle);
        // An answer given before the call was counted (a 401, an injected 429) describes the window as it stands.
        await SendAsync(context, answer, answer.Window ?? state.RateWindow.Read());
    }

    private static async Task<ApiAnswer> AnswerAsync(
        HttpContext context,
        SimulatorState state,
        Func<HttpContext, SimulatorState, Task<ApiAnswer?>> authenticate,
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

        if (await authenticate(context, state) is { } refusal)
        {
            return refusal;
        }

        if (faults.Roll(faults.ThrottleRate))
        {
            // Injected throttling happens in front of the real window, so it does not use up a slot; its headers describe
            // the window as it is, which may well have room: a front end refusing for its own reasons.
            var retryAfter = faults.Next(2) == 0 ? TimeSpan.FromSeconds(1 + faults.Next(5)) : (TimeSpan?)null;
            return ApiAnswer.Error(429, "rate_limited", "Too many requests (injected).", retryAfter);
        }

        // The real window's 429 carries no Retry-After, as the vendor documents none: X-RateLimit-Reset-Time says when.
        if (!state.RateWindow.TryAdmit(out var window))
        {
            return ApiAnswer.Error(429, "rate_limited", "The request exceeds the API rate limit.") with { Window = window };
        }

        if (faults.Roll(faults.ServerErrorRate))
        {
            var code = faults.Next(3) switch { 0 => 500, 1 => 502, _ => 503 };
            return ApiAnswer.Error(code, "server_error", "Internal error (injected).") with { Window = window };
        }

        var answer = await handle(context, state) with { Window = window };
        if (answer.StatusCode == 200 && faults.Roll(faults.GarbageRate))
        {
            return faults.Next(2) == 0
                ? answer with { Body = HtmlGarbage, ContentType = "text/html" }
                : answer with { Body = answer.Body[..(answer.Body.Length / 2)] };
        }

        return answer;
    }

    private static async Task SendAsync(HttpContext context, ApiAnswer answer, RateWindowReading window)
    {
        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.ContentType;
        RateLimitHeaders.Write(context.Response.Headers, window);
        if (answer.RetryAfter is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }
}
