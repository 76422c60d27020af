namespace MetaAccessExporter.Sync;

/// <summary>
/// The poller's own record of its cycles, as scrapes and the landing page see it (how complete the
/// model is lives with the model: <see cref="Model.SyncCheckpoint"/>). Immutable: the poller
/// publishes a new one after each step, readers take whichever is current.
/// </summary>
public sealed record SyncStatus
{
    /// <summary>The latest poll cycle completed.</summary>
    public bool Up { get; init; }

    public DateTimeOffset? LastSuccessfulSync { get; init; }
    public DateTimeOffset? LastPollStarted { get; init; }
    public TimeSpan? LastPollDuration { get; init; }
    public string? LastError { get; init; }
    public long SuccessfulCycles { get; init; }
    public long FailedCycles { get; init; }

    /// <summary>Walks that met a device twice (the feed moved under them), so their window is read again.</summary>
    public long Rereads { get; init; }
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
