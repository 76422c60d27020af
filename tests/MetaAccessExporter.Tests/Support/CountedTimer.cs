namespace MetaAccessExporter.Tests.Support;

/// <summary>
/// A fake clock's timer that reports its disposal once, however often it is disposed, so the clock can
/// count what still waits on it (requests in flight, loops parked on their next interval).
/// </summary>
internal sealed class CountedTimer(ITimer inner, Action disposed) : ITimer
{
    private int _disposed;

    public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            disposed();
        inner.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
