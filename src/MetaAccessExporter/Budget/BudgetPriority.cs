namespace MetaAccessExporter.Budget;

/// <summary>Who gets the next free slot: the delta sync always comes before enrichment.</summary>
public enum BudgetPriority
{
    Sync = 0,
    Enrichment = 1,
}
