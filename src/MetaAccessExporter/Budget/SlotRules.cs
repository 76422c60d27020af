namespace MetaAccessExporter.Budget;

/// <summary>
/// The one table that says how the account's budget is shared (docs/decisions.md explains it).
/// Enrichment's share is the user's (<c>Enrichment:MaxBudgetShare</c>); the rest is fixed here.
/// </summary>
public static class SlotRules
{
    public static readonly TimeSpan AccountPatience = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<ConsumerRule> Table(double enrichmentShare) =>
    [
        new(BudgetConsumer.Token, Rank: 0, Share: 1, MayTakeLastSlot: true, Patience: null,
            "renewals go with the watch: without a token no other call can be made"),
        new(BudgetConsumer.Delta, Rank: 0, Share: 1, MayTakeLastSlot: true, Patience: null,
            "the watch: waits behind at most one other call, and may spend the whole budget when changes pile up"),
        new(BudgetConsumer.Account, Rank: 1, Share: 0.1, MayTakeLastSlot: false, Patience: AccountPatience,
            "one call per Account:RefreshInterval; after a minute's wait it goes next, so it is never starved"),
        new(BudgetConsumer.Inventory, Rank: 2, Share: enrichmentShare > 0 ? 0.8 : 1, MayTakeLastSlot: false, Patience: null,
            "the list: all the watch leaves, or with enrichment on 80 % of the budget, so details still move during a pass"),
        new(BudgetConsumer.Enrichment, Rank: 3, Share: enrichmentShare, MayTakeLastSlot: false, Patience: null,
            "device details: what the others leave, at most Enrichment:MaxBudgetShare"),
    ];
}
