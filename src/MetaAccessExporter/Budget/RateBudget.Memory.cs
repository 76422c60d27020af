namespace MetaAccessExporter.Budget;

public sealed partial class RateBudget
{
    /// <summary>
    /// What a restart must not forget: the calls of the last minute and the server's word while it
    /// holds. Without them a restart right after a busy minute would spend a budget already spent.
    /// </summary>
    public BudgetMemory Remember()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            return new BudgetMemory(
                [.. _grants.Select(g => g.CountedFrom)],
                _server.Holds(now) ? new RateLimitReport(_server.Limit, _server.Remaining, _server.ResetAt) : null,
                _server.HeardAt,
                _server.SendsHeaders);
        }
    }

    /// <summary>Takes back what <see cref="Remember"/> kept, before any call is made.</summary>
    public void Recall(BudgetMemory memory)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var at in memory.Calls.Where(at => at <= now && at + SlotLifetime > now).Order())
                _grants.Enqueue(new BudgetSlot(this, at) { InFlight = false });
            _server.Remember(memory.ServerSendsHeaders);
            if (memory.Server is { } word && memory.HeardAt is { } heardAt && word.ResetAt > now)
                _server.Heard(word, heardAt, othersInFlight: 0);
        }
        Dispatch();
    }
}

/// <summary>The budget's state worth keeping across a restart.</summary>
/// <param name="ServerSendsHeaders">Null when no answer came yet; false for a server whose answers carry no rate-limit headers.</param>
public sealed record BudgetMemory(
    IReadOnlyList<DateTimeOffset> Calls, RateLimitReport? Server, DateTimeOffset? HeardAt, bool? ServerSendsHeaders)
{
    /// <summary>A server known to send no rate-limit headers: the exporter's own window is the only limit.</summary>
    public static BudgetMemory SilentServer { get; } = new([], null, null, ServerSendsHeaders: false);
}
