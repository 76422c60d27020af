namespace MetaAccessExporter.Budget;

/// <summary>
/// The account's API budget: never more than <c>limit</c> grants in any 60-second window. A sliding
/// log of grant times rather than a token bucket, because a bucket that starts full allows almost
/// twice the limit across a window edge. Waiters are served in priority order by one timer, so a
/// sync call waiting for a slot is never overtaken by enrichment. A throttle answer pauses every
/// caller until the server's <c>Retry-After</c>.
/// </summary>
public sealed class RateBudget : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // A slot is held a little longer than the window: the server's clock sees our calls after
    // network delays that differ from call to call, and a 429 costs a minute's pause.
    private static readonly TimeSpan SlotLifetime = Window + TimeSpan.FromMilliseconds(250);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _grants = new();
    private readonly Queue<DateTimeOffset> _enrichmentGrants = new();
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

    /// <summary>Grants in the last 60 seconds.</summary>
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
    public Task AcquireAsync(BudgetPriority priority, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled(cancellationToken);
        var waiter = new Waiter(priority);
        lock (_gate)
            _waiters.Enqueue(waiter, ((int)priority, _sequence++));
        if (cancellationToken.CanBeCanceled)
            waiter.Registration = cancellationToken.Register(static w => ((Waiter)w!).Completion.TrySetCanceled(), waiter);
        Dispatch();
        return waiter.Completion.Task;
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
                    wakeAt = _grants.Peek() + SlotLifetime;
                    break;
                }
                if (waiter.Priority == BudgetPriority.Enrichment && !EnrichmentMayTakeSlot())
                {
                    // Sync callers queue ahead of enrichment, so the head being enrichment means no sync waits.
                    wakeAt = NextEnrichmentCheck();
                    break;
                }
                _waiters.Dequeue();
                if (!waiter.Completion.TrySetResult())
                    continue;
                waiter.Registration.Dispose();
                _grants.Enqueue(now);
                if (waiter.Priority == BudgetPriority.Enrichment)
                    _enrichmentGrants.Enqueue(now);
            }
            var due = wakeAt is { } at ? Max(at - now, TimeSpan.FromMilliseconds(1)) : Timeout.InfiniteTimeSpan;
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private bool EnrichmentMayTakeSlot() =>
        _enrichmentGrants.Count < EnrichmentLimit && _grants.Count < Limit - 1;

    private DateTimeOffset? NextEnrichmentCheck()
    {
        if (EnrichmentLimit == 0)
            return null;
        return _enrichmentGrants.Count >= EnrichmentLimit
            ? _enrichmentGrants.Peek() + SlotLifetime
            : _grants.Peek() + SlotLifetime;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_grants.TryPeek(out var oldest) && oldest + SlotLifetime <= now)
            _grants.Dequeue();
        while (_enrichmentGrants.TryPeek(out var oldest) && oldest + SlotLifetime <= now)
            _enrichmentGrants.Dequeue();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Waiter(BudgetPriority priority)
    {
        public BudgetPriority Priority { get; } = priority;
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration { get; set; }
    }
}
