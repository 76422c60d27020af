namespace MetaAccessExporter.Budget;

/// <summary>One granted call. Tell it when the answer came, so the slot counts from then on.</summary>
public sealed class BudgetSlot
{
    private readonly RateBudget _budget;

    internal BudgetSlot(RateBudget budget, DateTimeOffset grantedAt)
    {
        _budget = budget;
        CountedFrom = grantedAt;
    }

    internal DateTimeOffset CountedFrom { get; set; }

    /// <summary>Null for a slot remembered from before a restart: it counts against the window, not a share.</summary>
    internal BudgetConsumer? Consumer { get; set; }

    internal bool InFlight { get; set; } = true;

    /// <summary>The answer is here, with what its rate-limit headers said (null when it carried none).</summary>
    public void Answered(RateLimitReport? report = null) => _budget.Answered(this, report, gotAnswer: true);

    /// <summary>The call failed without an answer (a timeout, a refused connection): it still counts.</summary>
    public void Unanswered() => _budget.Answered(this, null, gotAnswer: false);
}
