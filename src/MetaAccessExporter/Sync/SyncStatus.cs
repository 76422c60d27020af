namespace MetaAccessExporter.Sync;

/// <summary>
/// The poller's state as scrapes, <c>/readyz</c> and the landing page see it. Immutable: the
/// poller publishes a new one after each step, readers take whichever is current.
/// </summary>
public sealed record SyncStatus
{
    /// <summary>The latest poll cycle completed.</summary>
    public bool Up { get; init; }

    /// <summary>The model holds a completed sync, fresh or restored from disk.</summary>
    public bool Ready { get; init; }

    /// <summary>The model holds every change up to at least this instant.</summary>
    public DateTimeOffset? Watermark { get; init; }

    /// <summary>Changes may be missing: away longer than the API's window, or no full window seen yet.</summary>
    public bool Gap { get; init; } = true;

    public DateTimeOffset? LastSuccessfulSync { get; init; }
    public DateTimeOffset? LastPollStarted { get; init; }
    public TimeSpan? LastPollDuration { get; init; }
    public string? LastError { get; init; }
    public long SuccessfulCycles { get; init; }
    public long FailedCycles { get; init; }
    public bool Restored { get; init; }
}

/// <summary>Holds the current <see cref="SyncStatus"/>.</summary>
public sealed class SyncHealth
{
    private SyncStatus _current = new();

    public SyncStatus Current => Volatile.Read(ref _current);

    public void Update(Func<SyncStatus, SyncStatus> change)
    {
        SyncStatus before, after;
        do
        {
            before = Current;
            after = change(before);
        }
        while (Interlocked.CompareExchange(ref _current, after, before) != before);
    }
}
