namespace MetaAccessExporter.EndToEndTests.Infrastructure;

/// <summary>Polling with a deadline instead of sleeping for a fixed time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Calls <paramref name="attempt"/> until it returns null (success) or the deadline passes; then
    /// throws with the last reason it gave and whatever <paramref name="context"/> adds (process output).
    /// Exceptions thrown by an attempt count as a failed attempt.
    /// </summary>
    public static async Task SucceedsAsync(string what, Func<Task<string?>> attempt, Func<string>? context = null, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        string? reason;
        while (true)
        {
            try
            {
                reason = await attempt();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
            {
                reason = e.GetType().Name + ": " + e.Message;
            }

            if (reason is null)
            {
                return;
            }

            if (DateTime.UtcNow >= until)
            {
                break;
            }

            await Task.Delay(Interval);
        }

        Assert.Fail($"Timed out after {(deadline ?? DefaultDeadline).TotalSeconds:0} s waiting for {what}: {reason}\n{context?.Invoke()}");
    }

    /// <summary>Waits for an HTTP GET to answer 200.</summary>
    public static Task HttpOkAsync(HttpClient http, string url, Func<string>? context = null, Func<bool>? stillRunning = null, TimeSpan? deadline = null) =>
        SucceedsAsync($"GET {url} to answer 200", async () =>
        {
            if (stillRunning is not null && !stillRunning())
            {
                // Fail at once rather than waiting out the deadline for a process that is gone.
                Assert.Fail($"the process serving {url} has exited\n{context?.Invoke()}");
            }

            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}";
        }, context, deadline);
}
