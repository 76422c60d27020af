namespace MetaAccessExporter.Model;

/// <summary>
/// How complete the model is: the one <see cref="SyncCheckpoint"/>, which the delta poller moves, an
/// inventory pass closes the gap of, the health view shows and persistence saves. The model holds
/// every change since the delta watch began (<see cref="WatchFrom"/>) once each cycle completes; it
/// holds the whole fleet once, in addition, an inventory pass that started after the watch began has
/// listed every device (client-go's list, then watch from where the list stood).
/// </summary>
public sealed class Completeness
{
    private readonly Lock _gate = new();
    private SyncCheckpoint? _current;
    private DateTimeOffset? _watchedSince;
    private DateTimeOffset? _lastListStarted;

    /// <summary>Null until a delta cycle completed or a saved model was restored: the model is not ready.</summary>
    public SyncCheckpoint? Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>
    /// The model may miss changes and no pass that began after the watch did has completed: the list
    /// must be read again (client-go relists when its watch can no longer be trusted).
    /// </summary>
    public bool NeedsListing
    {
        get { lock (_gate) return _current is { Gap: true } && !ListedSinceWatchBegan(); }
    }

    /// <summary>Raised after <see cref="Current"/> moved, outside the lock: the model is worth saving.</summary>
    public event Action? Moved;

    /// <summary>Takes back a saved checkpoint; nothing is raised (the model it came with is already saved).</summary>
    public void Restore(SyncCheckpoint saved)
    {
        lock (_gate)
            _current = saved;
    }

    /// <summary>
    /// The delta watch reads from <paramref name="since"/>. With <paramref name="changesMissed"/> it
    /// starts anew there, and changes before it may be missing (a fresh start, a watermark the API no
    /// longer reaches, a clock that stepped back): the gap opens until an inventory pass that began
    /// after it completes. Without, it goes on from where it began, or from here if it never began.
    /// </summary>
    public void WatchFrom(DateTimeOffset since, bool changesMissed)
    {
        bool moved;
        lock (_gate)
        {
            if (changesMissed || _watchedSince is null)
                _watchedSince = since;
            // A pass that began after the new start already lists what the watch missed.
            moved = changesMissed && _current is { Gap: false } && !ListedSinceWatchBegan();
            if (moved)
                _current = _current! with { Gap = true };
        }
        if (moved)
            Moved?.Invoke();
    }

    /// <summary>
    /// The clock stepped back: instants recorded before are not comparable with those to come, so no
    /// earlier pass may vouch for the watch.
    /// </summary>
    public void ForgetListings()
    {
        lock (_gate)
            _lastListStarted = null;
    }

    /// <summary>A delta cycle has read every change up to <paramref name="watermark"/>.</summary>
    public void Watched(DateTimeOffset watermark)
    {
        lock (_gate)
            _current = new SyncCheckpoint(watermark, Gap: _current?.Gap ?? !ListedSinceWatchBegan());
        Moved?.Invoke();
    }

    /// <summary>An inventory pass that began at <paramref name="started"/> has listed every device of the account.</summary>
    public void Listed(DateTimeOffset started)
    {
        bool moved;
        lock (_gate)
        {
            _lastListStarted = started;
            moved = _current is { Gap: true } && ListedSinceWatchBegan();
            if (moved)
                _current = _current! with { Gap = false };
        }
        if (moved)
            Moved?.Invoke();
    }

    // A device listed before a change is caught by the watch; one changed before it was listed, by the list.
    private bool ListedSinceWatchBegan() => _lastListStarted is { } listed && _watchedSince is { } since && listed >= since;
}
