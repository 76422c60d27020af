using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace MetaAccessExporter.TestSupport;

/// <summary>
/// Polling with a deadline instead of sleeping for a fixed time. Every form fails the test at the
/// deadline with what it waited for, the last reason it was not there yet, and what the caller's
/// context adds (a process's output, say).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Calls <paramref name="attempt"/> until it returns null (success) or the deadline passes; a
    /// non-null result says why it has not succeeded yet. An exception an unready server causes
    /// (refused connection, timeout, unexpected or partial JSON) counts as a failed attempt; any
    /// other, and a failed assertion, ends the wait at once.
    /// </summary>
    public static Task SucceedsAsync(
        string what,
        Func<Task<string?>> attempt,
        Func<string>? context = null,
        TimeSpan? deadline = null,
        TimeSpan? interval = null) =>
        PollAsync($" waiting for {what}", async () =>
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException
                or JsonException)
            {
                return $"{e.GetType().Name}: {e.Message}";
            }
        }, context, deadline ?? DefaultDeadline, interval ?? DefaultInterval);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, checking every 50 ms; an exception it throws
    /// ends the wait at once.
    /// </summary>
    public static Task Async(Func<Task<bool>> condition, TimeSpan deadline, string because) =>
        PollAsync($": {because}", async () => await condition() ? null : "the condition was false", context: null,
            deadline, TimeSpan.FromMilliseconds(50));

    /// <summary>
    /// Waits for a GET of <paramref name="url"/> to answer 200 (with <paramref name="contains"/> in
    /// the body, when given) and returns the body. Fails at once when <paramref name="stillRunning"/>
    /// says the server is gone, rather than waiting out the deadline.
    /// </summary>
    public static async Task<string> HttpOkAsync(
        HttpClient http,
        string url,
        Func<string>? context = null,
        Func<bool>? stillRunning = null,
        TimeSpan? deadline = null,
        string? contains = null)
    {
        var answer = string.Empty;
        var expected = contains is null ? "200" : $"200 with '{contains}'";
        await SucceedsAsync($"GET {url} to answer {expected}", async () =>
        {
            if (stillRunning is not null && !stillRunning())
            {
                Assert.Fail($"the process serving {url} has exited\n{context?.Invoke()}");
            }

            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && (contains is null || body.Contains(contains, StringComparison.Ordinal)))
            {
                answer = body;
                return null;
            }

            return $"answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}";
        }, context, deadline);
        return answer;
    }

    /// <summary>
    /// The one polling loop: a null from the attempt is success, anything else the reason it failed.
    /// At the deadline fails with "Timed out after N s" + <paramref name="headline"/>, the last reason
    /// and the context.
    /// </summary>
    private static async Task PollAsync(
        string headline,
        Func<Task<string?>> attempt,
        Func<string>? context,
        TimeSpan deadline,
        TimeSpan interval)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var reason = await attempt();
            if (reason is null)
            {
                return;
            }

            if (watch.Elapsed >= deadline)
            {
                Assert.Fail($"Timed out after {deadline.TotalSeconds:0} s{headline}; last attempt: {reason}\n{context?.Invoke()}");
            }

            await Task.Delay(interval);
        }
    }
}
