namespace MetaAccessExporter.Inventory;

/// <summary>
/// Inventory passes as scrapes and the landing page see them. Immutable; <see cref="InventoryHealth"/>
/// holds the current one.
/// </summary>
public sealed record InventoryStatus
{
    /// <summary>When the pass under way began; null between passes.</summary>
    public DateTimeOffset? PassStarted { get; init; }

    /// <summary>Devices the pass under way has listed so far.</summary>
    public int PassListed { get; init; }

    public DateTimeOffset? LastPassCompleted { get; init; }
    public TimeSpan? LastPassDuration { get; init; }
    public int LastPassListed { get; init; }
    public long PassesCompleted { get; init; }

    /// <summary>
    /// Devices reconciliation added (listed, unknown to the model) and removed (unlisted, unchanged
    /// since the pass began).
    /// </summary>
    public long Added { get; init; }

    public long Removed { get; init; }
    public string? LastError { get; init; }
}

/// <summary>Holds the current <see cref="InventoryStatus"/>.</summary>
public sealed class InventoryHealth
{
    private readonly Lock _gate = new();
    private InventoryStatus _current = new();

    public InventoryStatus Current
    {
        get { lock (_gate) return _current; }
    }

    public void Update(Func<InventoryStatus, InventoryStatus> change)
    {
        lock (_gate)
            _current = change(_current);
    }
}
