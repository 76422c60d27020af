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

    /// <summary>The call has reached the server by now (its answer, or its failure, is here).</summary>
    public void CountFromNow() => _budget.CountFromNow(this);
}
