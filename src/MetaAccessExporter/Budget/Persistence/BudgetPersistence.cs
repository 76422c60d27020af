using Microsoft.Extensions.Hosting;

namespace MetaAccessExporter.Budget.Persistence;

/// <summary>
/// Recalls the budget's memory before any call is made (the budget starts before every reader in the
/// host's order) and keeps it at shutdown, after every reader has stopped.
/// </summary>
public sealed class BudgetPersistence(RateBudget budget, BudgetStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.Load() is { } memory)
            budget.Recall(memory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Save(budget.Remember());
        return Task.CompletedTask;
    }
}
