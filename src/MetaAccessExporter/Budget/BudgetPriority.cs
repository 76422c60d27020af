namespace MetaAccessExporter.Budget;

/// <summary>
/// Who gets the next free slot, most urgent first: the delta sync (the watch), then inventory passes
/// (the list, re-read in the background), then device details. Only the sync may take the last free
/// slot of a window, so a delta page never waits behind the others for more than one call.
/// </summary>
public enum BudgetPriority
{
    Sync = 0,
    Inventory = 1,
    Enrichment = 2,
}
