using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers waiting on it. A background loop that waits for its
/// next interval with <c>Task.Delay(interval, time)</c> holds one such timer: once the count is back after a step,
/// the loop has done all the work that step was due to bring, and a test can look at what it did, or did not, do.
/// </summary>
internal sealed class TimerCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private static readonly TimeSpan RealDeadline = TimeSpan.FromSeconds(30);
    private int _waiting;

    public int Waiting => Volatile.Read(ref _waiting);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _waiting);
        return new CountedTimer(base.CreateTimer(callback, state, dueTime, period), () => Interlocked.Decrement(ref _waiting));
    }

    /// <summary>Moves the clock by <paramref name="step"/> and waits, in real time, until <paramref name="timers"/> wait again.</summary>
    public async Task StepAsync(TimeSpan step, int timers = 1)
    {
        Advance(step);
        await UntilWaitingAsync(timers);
    }

    /// <summary>Waits, in real time, until <paramref name="timers"/> timers wait on this clock.</summary>
    public async Task UntilWaitingAsync(int timers = 1)
    {
        var watch = Stopwatch.StartNew();
        while (Waiting != timers)
        {
            if (watch.Elapsed > RealDeadline)
                throw new TimeoutException($"{Waiting} timer(s) wait on the clock at {GetUtcNow():o}, not {timers}.");
            await Task.Delay(1);
        }
    }
}
