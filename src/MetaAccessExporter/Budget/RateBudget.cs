namespace MetaAccessExporter.Budget;

/// <summary>
/// The account's API budget. Three limits hold at once:
/// <list type="bullet">
/// <item>the exporter's own: never more than <c>limit</c> grants in any 60-second window. A sliding log of
/// grant times rather than a token bucket, because a bucket that starts full allows almost twice the
/// limit across a window edge;</item>
/// <item>the server's word (<see cref="ServerWord"/>): other clients spend the same account, so no call is
/// sent that the last answer's rate-limit headers said there is no room for;</item>
/// <item>a throttle answer pauses every caller until the server's <c>Retry-After</c> or reset time.</item>
/// </list>
/// Waiters are served by one timer in the order <see cref="SlotRules"/> declares, so a delta page waiting
/// for a slot is never overtaken by a background consumer. A slot counts from when it was granted, and
/// again from when its answer came (<see cref="BudgetSlot.Answered"/>): the server counts a call when it
/// arrives, which can be later than the grant (a new connection, a TLS handshake), never later than the answer.
/// </summary>
public sealed partial class RateBudget : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // A slot is held a little longer than the window: the server's clock sees our calls after
    // network delays that differ from call to call, and a 429 costs a minute's pause.
    private static readonly TimeSpan SlotLifetime = Window + TimeSpan.FromMilliseconds(250);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ConsumerRule[] _rules;
    private readonly int[] _slotsOf;
    // Oldest first. Re-counting a slot from a later instant may leave it ahead of younger ones;
    // pruning then waits for it, which only ever errs on the side of fewer calls.
    private readonly Queue<BudgetSlot> _grants = new();
    private readonly int[] _held;
    private readonly long[] _calls;
    private readonly long[] _waitedTicks;
    private readonly List<Waiter> _waiters = [];
    private readonly ServerWord _server = new();
    private readonly ITimer _timer;
    private long _sequence;
    private int _inFlight;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public RateBudget(int limit, TimeProvider time, double enrichmentShare = 1)
        : this(limit, time, SlotRules.Table(enrichmentShare))
    {
    }

    public RateBudget(int limit, TimeProvider time, IReadOnlyList<ConsumerRule> rules)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _time = time;
        int consumers = Enum.GetValues<BudgetConsumer>().Length;
        _rules = new ConsumerRule[consumers];
        foreach (var rule in rules)
            _rules[(int)rule.Consumer] = rule;
        if (_rules.Any(r => r is null))
            throw new ArgumentException("every consumer needs a rule", nameof(rules));
        _slotsOf = [.. _rules.Select(r => r.SlotsUnder(limit))];
        _held = new int[consumers];
        _calls = new long[consumers];
        _waitedTicks = new long[consumers];
        _timer = time.CreateTimer(_ => Dispatch(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Limit { get; }

    public IReadOnlyList<ConsumerRule> Rules => _rules;

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

    public ServerView Server
    {
        get { lock (_gate) return _server.View(); }
    }

    /// <summary>The most slots of one window <paramref name="consumer"/> may hold; 0 means it never gets one.</summary>
    public int SlotsOf(BudgetConsumer consumer) => Math.Min(_slotsOf[(int)consumer], MayTakeLast(consumer) ? Limit : Limit - 1);

    /// <summary>How each consumer spent the budget since start: calls granted, and time spent waiting for them.</summary>
    public IReadOnlyList<ConsumerUsage> Usage
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules.Select(r => new ConsumerUsage(
                    r.Consumer, _calls[(int)r.Consumer], TimeSpan.FromTicks(_waitedTicks[(int)r.Consumer])))];
            }
        }
    }

    /// <summary>Completes when the caller may send one request.</summary>
    public Task<BudgetSlot> AcquireAsync(BudgetConsumer consumer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<BudgetSlot>(cancellationToken);
        var waiter = new Waiter(consumer, _rules[(int)consumer]);
        // Registered before the waiter is queued, so a grant can always dispose the registration.
        if (cancellationToken.CanBeCanceled)
            waiter.Registration = cancellationToken.Register(static w => ((Waiter)w!).Completion.TrySetCanceled(), waiter);
        lock (_gate)
        {
            waiter.Since = _time.GetUtcNow();
            waiter.Sequence = _sequence++;
            _waiters.Add(waiter);
        }
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

    internal void Answered(BudgetSlot slot, RateLimitReport? report, bool gotAnswer)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now > slot.CountedFrom)
                slot.CountedFrom = now;
            if (!slot.InFlight)
                return;
            slot.InFlight = false;
            _inFlight--;
            if (report is not null)
                _server.Heard(report, now, othersInFlight: _inFlight);
            else if (gotAnswer)
                _server.HeardNothing(now);
        }
        Dispatch();
    }

    private void Dispatch()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            _waiters.RemoveAll(w => w.Completion.Task.IsCompleted);
            while (Grant(now))
            {
            }
            _timer.Change(NextCheck(now) is { } at ? Max(at - now, TimeSpan.FromMilliseconds(1)) : Timeout.InfiniteTimeSpan,
                Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Grants one slot to the first waiter in line that may have it; false when nobody may.</summary>
    private bool Grant(DateTimeOffset now)
    {
        if (now < _pausedUntil || _grants.Count >= Limit || !ServerAllowsOne(now))
            return false;
        if (FirstInLineAllowed(now) is not { } waiter)
            return false;
        _waiters.Remove(waiter);
        var slot = new BudgetSlot(this, now);
        if (!waiter.Completion.TrySetResult(slot))
            return true;
        waiter.Registration.Dispose();
        Record(waiter, slot, now);
        return true;
    }

    // Line order is overdue first, then rank, then arrival; the first allowed in that order is the
    // allowed waiter with the smallest key. A scan, not a sort: a handful of waiters at most.
    private Waiter? FirstInLineAllowed(DateTimeOffset now)
    {
        Waiter? first = null;
        (int, long) firstKey = default;
        foreach (var waiter in _waiters)
        {
            bool overdue = IsOverdue(waiter, now);
            var key = (overdue ? -1 : waiter.Rule.Rank, waiter.Sequence);
            if ((first is null || key.CompareTo(firstKey) < 0) && (overdue || MayTake(waiter.Consumer, now)))
                (first, firstKey) = (waiter, key);
        }
        return first;
    }

    private static bool IsOverdue(Waiter waiter, DateTimeOffset now) =>
        waiter.Rule.Patience is { } patience && now - waiter.Since >= patience;

    private bool ServerAllowsOne(DateTimeOffset now) => _server.Allows(now, _inFlight);

    private bool MayTake(BudgetConsumer consumer, DateTimeOffset now)
    {
        if (_held[(int)consumer] >= _slotsOf[(int)consumer])
            return false;
        if (MayTakeLast(consumer))
            return true;
        // The last free slot, ours or the server's, stays free for the watch.
        return _grants.Count < Limit - 1 && (!_server.Holds(now) || _server.Remaining > 1);
    }

    // With a budget of one there is no slot to keep free: everyone takes turns.
    private bool MayTakeLast(BudgetConsumer consumer) => Limit == 1 || _rules[(int)consumer].MayTakeLastSlot;

    private void Record(Waiter waiter, BudgetSlot slot, DateTimeOffset now)
    {
        var consumer = (int)waiter.Consumer;
        slot.Consumer = waiter.Consumer;
        _grants.Enqueue(slot);
        _held[consumer]++;
        _calls[consumer]++;
        _waitedTicks[consumer] += Max(now - waiter.Since, TimeSpan.Zero).Ticks;
        _inFlight++;
        _server.Spend();
    }

    // The earliest moment something could change for a waiter; waking early costs nothing but a look.
    private DateTimeOffset? NextCheck(DateTimeOffset now)
    {
        if (_waiters.Count == 0)
            return null;
        DateTimeOffset? next = null;
        if (_pausedUntil > now)
            next = Min(next, _pausedUntil);
        if (_grants.TryPeek(out var oldest))
            next = Min(next, oldest.CountedFrom + SlotLifetime);
        if (_server.Holds(now))
            next = Min(next, _server.ResetAt);
        foreach (var waiter in _waiters)
        {
            if (waiter.Rule.Patience is { } patience && now - waiter.Since < patience)
                next = Min(next, waiter.Since + patience);
        }
        return next;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_grants.TryPeek(out var oldest) && oldest.CountedFrom + SlotLifetime <= now)
        {
            if (_grants.Dequeue().Consumer is { } consumer)
                _held[(int)consumer]--;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private sealed class Waiter(BudgetConsumer consumer, ConsumerRule rule)
    {
        public BudgetConsumer Consumer { get; } = consumer;
        public ConsumerRule Rule { get; } = rule;
        public DateTimeOffset Since { get; set; }
        public long Sequence { get; set; }
        public TaskCompletionSource<BudgetSlot> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration { get; set; }
    }
}

/// <summary>One consumer's spending since start.</summary>
public readonly record struct ConsumerUsage(BudgetConsumer Consumer, long Calls, TimeSpan Waited);
