using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Support;

/// <summary>
/// Runs work that waits on a <see cref="FakeTimeProvider"/> (budget slots, request timeouts, backoff)
/// to completion. The clock moves only while the work has been idle for a few real milliseconds, so
/// a request on the wire is answered at the instant it was sent.
/// </summary>
internal static class FakeClock
{
    private static readonly TimeSpan RealDeadline = TimeSpan.FromSeconds(60);

    /// <returns>The exception the work ended with, or null when it succeeded.</returns>
    /// <param name="idle">How long the work must have made no progress on its own before the clock moves;
    /// longer for a cold start, when the first requests take real time to compile and connect.</param>
    public static async Task<Exception?> RunAsync(this FakeTimeProvider time, Func<Task> work, TimeSpan? idle = null)
    {
        var task = work();
        var watch = Stopwatch.StartNew();
        var wait = idle ?? TimeSpan.FromMilliseconds(5);
        int steps = 0;
        while (await Task.WhenAny(task, Task.Delay(wait)).ConfigureAwait(false) != task)
        {
            // Short steps first (a reply may be due within a second), longer ones for long waits (a 60 s pause).
            time.Advance(TimeSpan.FromSeconds(++steps <= 3 ? 1 : 5));
            if (watch.Elapsed > RealDeadline)
                throw new TimeoutException($"The work did not end within {RealDeadline.TotalSeconds:0} real seconds (fake clock at {time.GetUtcNow():o}).");
        }
        try
        {
            await task.ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Moves the clock in steps, yielding between them so timers' work (a background loop, a retry) runs.</summary>
    public static async Task AdvanceInStepsAsync(this FakeTimeProvider time, TimeSpan total, TimeSpan step)
    {
        for (var passed = TimeSpan.Zero; passed < total; passed += step)
        {
            time.Advance(step);
            await Task.Delay(2).ConfigureAwait(false);
        }
    }
}
