namespace MetaAccessExporter.Budget;

/// <summary>
/// The account's API budget: never more than <c>limit</c> grants in any 60-second window. A sliding
/// log of grant times rather than a token bucket, because a bucket that starts full allows almost
/// twice the limit across a window edge. Waiters are served in priority order by one timer, so a
/// sync call waiting for a slot is never overtaken by enrichment. A throttle answer pauses every
/// caller until the server's <c>Retry-After</c>. A slot counts from when it was granted, and again
/// from when its answer came (<see cref="BudgetSlot.CountFromNow"/>): the server counts a call when it
/// arrives, which can be later than the grant (a new connection, a TLS handshake), never later than the answer.
/// </summary>
public sealed class RateBudget : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // A slot is held a little longer than the window: the server's clock sees our calls after
    // network delays that differ from call to call, and a 429 costs a minute's pause.
    private static readonly TimeSpan SlotLifetime = Window + TimeSpan.FromMilliseconds(250);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    // Oldest first. Re-counting a slot from a later instant may leave it ahead of younger ones;
    // pruning then waits for it, which only ever errs on the side of fewer calls.
    private readonly Queue<BudgetSlot> _grants = new();
    private readonly Queue<BudgetSlot> _enrichmentGrants = new();
    private readonly PriorityQueue<Waiter, (int Priority, long Sequence)> _waiters = new();
    private readonly ITimer _timer;
    private long _sequence;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public RateBudget(int limit, TimeProvider time, int enrichmentLimit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        // Enrichment never takes the last free slot, so sync waits at most for one call in flight.
        EnrichmentLimit = Math.Clamp(enrichmentLimit, 0, limit - 1);
        _time = time;
        _timer = time.CreateTimer(_ => Dispatch(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Limit { get; }

    public int EnrichmentLimit { get; }

    /// <summary>Slots still counted against the window (granted or answered within the last 60 s, plus a small margin).</summary>
    public int Used
    {
        get
        {
            lock (_gate)
            {
                Prune(_time.GetUtcNow());
                return _grants.Count;
            }
        }
    }

    public DateTimeOffset PausedUntil
    {
        get { lock (_gate) return _pausedUntil; }
    }

    /// <summary>Completes when the caller may send one request.</summary>
    public Task<BudgetSlot> AcquireAsync(BudgetPriority priority, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<BudgetSlot>(cancellationToken);
        var waiter = new Waiter(priority);
        // Registered before the waiter is queued, so a grant can always dispose the registration.
        if (cancellationToken.CanBeCanceled)
            waiter.Registration = cancellationToken.Register(static w => ((Waiter)w!).Completion.TrySetCanceled(), waiter);
        lock (_gate)
            _waiters.Enqueue(waiter, ((int)priority, _sequence++));
        Dispatch();
        return waiter.Completion.Task;
    }

    internal void CountFromNow(BudgetSlot slot)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now > slot.CountedFrom)
                slot.CountedFrom = now;
        }
    }

    /// <summary>The API said the limit was hit: nobody sends before <paramref name="until"/>.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            if (until > _pausedUntil)
                _pausedUntil = until;
        }
        Dispatch();
    }

    public void Dispose() => _timer.Dispose();

    private void Dispatch()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            DateTimeOffset? wakeAt = null;
            while (_waiters.TryPeek(out var waiter, out _))
            {
                if (waiter.Completion.Task.IsCompleted)
                {
                    _waiters.Dequeue();
                    continue;
                }
                if (now < _pausedUntil)
                {
                    wakeAt = _pausedUntil;
                    break;
                }
                if (_grants.Count >= Limit)
                {
                    wakeAt = _grants.Peek().CountedFrom + SlotLifetime;
                    break;
                }
                if (waiter.Priority != BudgetPriority.Sync && !BackgroundMayTakeSlot(waiter.Priority))
                {
                    // Sync callers queue ahead of the others, so the head not being sync means no sync waits.
                    wakeAt = waiter.Priority == BudgetPriority.Enrichment
                        ? NextEnrichmentCheck()
                        : _grants.Peek().CountedFrom + SlotLifetime;
                    break;
                }
                _waiters.Dequeue();
                var slot = new BudgetSlot(this, now);
                if (!waiter.Completion.TrySetResult(slot))
                    continue;
                waiter.Registration.Dispose();
                _grants.Enqueue(slot);
                if (waiter.Priority == BudgetPriority.Enrichment)
                    _enrichmentGrants.Enqueue(slot);
            }
            var due = wakeAt is { } at ? Max(at - now, TimeSpan.FromMilliseconds(1)) : Timeout.InfiniteTimeSpan;
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    // The last free slot stays free for the sync; with a budget of one there is nothing to keep.
    private bool BackgroundMayTakeSlot(BudgetPriority priority) =>
        (_grants.Count < Limit - 1 || (Limit == 1 && priority == BudgetPriority.Inventory))
        && (priority != BudgetPriority.Enrichment || _enrichmentGrants.Count < EnrichmentLimit);

    private DateTimeOffset? NextEnrichmentCheck()
    {
        if (EnrichmentLimit == 0)
            return null;
        return _enrichmentGrants.Count >= EnrichmentLimit
            ? _enrichmentGrants.Peek().CountedFrom + SlotLifetime
            : _grants.Peek().CountedFrom + SlotLifetime;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_grants.TryPeek(out var oldest) && oldest.CountedFrom + SlotLifetime <= now)
            _grants.Dequeue();
        while (_enrichmentGrants.TryPeek(out var oldest) && oldest.CountedFrom + SlotLifetime <= now)
            _enrichmentGrants.Dequeue();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Waiter(BudgetPriority priority)
    {
        public BudgetPriority Priority { get; } = priority;
        public TaskCompletionSource<BudgetSlot> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration { get; set; }
    }
}
