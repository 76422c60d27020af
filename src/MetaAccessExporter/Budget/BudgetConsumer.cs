namespace MetaAccessExporter.Budget;

/// <summary>
/// Everything that spends the account's API budget. How each one is served (its rank, its share of
/// the window, whether it may take the last free slot) is declared once, in <see cref="SlotRules"/>.
/// </summary>
public enum BudgetConsumer
{
    /// <summary>Access-token renewals: every other call waits for them.</summary>
    Token,

    /// <summary>Delta walks of the status-change feed: the watch that keeps the model current.</summary>
    Delta,

    /// <summary>Account details: the licence and the vendor's own totals.</summary>
    Account,

    /// <summary>Inventory passes: the list that makes the model the whole fleet.</summary>
    Inventory,

    /// <summary>Device details, fetched with what the others leave over.</summary>
    Enrichment,
}

public static class BudgetConsumerLabels
{
    /// <summary>The <c>consumer</c> label value: the member's name in lower case.</summary>
    public static string Label(this BudgetConsumer consumer) => consumer switch
    {
        BudgetConsumer.Token => "token",
        BudgetConsumer.Delta => "delta",
        BudgetConsumer.Account => "account",
        BudgetConsumer.Inventory => "inventory",
        BudgetConsumer.Enrichment => "enrichment",
        _ => throw new ArgumentOutOfRangeException(nameof(consumer), consumer, null),
    };
}
