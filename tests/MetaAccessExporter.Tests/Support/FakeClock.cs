using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when a request is on the wire, and helpers that move it only when
/// nothing is. The exporter bounds every request by a <see cref="CancellationTokenSource"/> on its clock
/// (<c>MetaAccess:RequestTimeout</c>), created when the request leaves and disposed when its whole answer is in;
/// such a deadline is the one kind of timer that waits on real I/O rather than on the clock. So while one is
/// pending the clock stands still and the answer may take as long as a loaded machine needs: a slow loopback
/// answer is never a timeout. A test whose server deliberately never answers opts in with
/// <c>stalledServer: true</c>, and only then do deadlines pass. (A request that starts just as a step is taken sees
/// that one step, 5 s at most: far below any request timeout the tests use.)
/// </summary>
internal sealed class FakeClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private static readonly TimeSpan RealDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(5);
    private int _deadlines;

    /// <summary>Requests sent and not yet wholly answered (or failed): their deadlines are pending on this clock.</summary>
    public int RequestsInFlight => Volatile.Read(ref _deadlines);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (state is not CancellationTokenSource)
            return timer;
        Interlocked.Increment(ref _deadlines);
        return new CountedTimer(timer, () => Interlocked.Decrement(ref _deadlines));
    }

    /// <summary>
    /// Runs work that waits on this clock (budget slots, backoff, a pause) to its end. Whenever the work has been
    /// idle for a few real milliseconds and no request is in flight, the clock moves a step.
    /// </summary>
    /// <param name="stalledServer">True when the server deliberately does not answer, so requests must time out:
    /// the clock then moves while they are in flight too.</param>
    /// <returns>The exception the work ended with, or null when it succeeded.</returns>
    public async Task<Exception?> RunAsync(Func<Task> work, bool stalledServer = false)
    {
        var task = work();
        var watch = Stopwatch.StartNew();
        int steps = 0;
        while (await Task.WhenAny(task, Task.Delay(Idle)).ConfigureAwait(false) != task)
        {
            if (watch.Elapsed > RealDeadline)
                throw Stuck(RealDeadline, "the work did not end");
            if (RequestsInFlight > 0 && !stalledServer)
                continue;
            // Short steps first (a reply may be due within a second), longer ones for long waits (a 60 s pause).
            Advance(TimeSpan.FromSeconds(++steps <= 3 ? 1 : 5));
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

    /// <summary>
    /// Moves the clock by <paramref name="total"/> in steps, yielding between them so timers' work (a background loop,
    /// a retry) runs; before each step it waits for requests in flight to be answered, unless the server stalls.
    /// </summary>
    public async Task AdvanceInStepsAsync(TimeSpan total, TimeSpan step, bool stalledServer = false)
    {
        for (var passed = TimeSpan.Zero; passed < total; passed += step)
            await StepAsync(step, stalledServer).ConfigureAwait(false);
    }

    /// <summary>Waits until no request is in flight (unless the server stalls), moves the clock one step and yields.</summary>
    public async Task StepAsync(TimeSpan step, bool stalledServer = false)
    {
        if (!stalledServer)
            await UntilAsync(() => RequestsInFlight == 0, "requests in flight to be answered").ConfigureAwait(false);
        Advance(step);
        await Task.Delay(2).ConfigureAwait(false);
    }

    /// <summary>Waits, in real time, for a request to be on the wire: before its deadline is passed on purpose.</summary>
    public Task UntilInFlightAsync(int requests = 1) =>
        UntilAsync(() => RequestsInFlight >= requests, $"{requests} request(s) in flight");

    private async Task UntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > RealDeadline)
                throw Stuck(RealDeadline, $"waited for {what}");
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    private TimeoutException Stuck(TimeSpan after, string what) =>
        new($"After {after.TotalSeconds:0} real seconds {what} (fake clock at {GetUtcNow():o}, {RequestsInFlight} request(s) in flight).");
}
