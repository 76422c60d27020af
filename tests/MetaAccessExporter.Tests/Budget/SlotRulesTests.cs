using MetaAccessExporter.Budget;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Budget;

/// <summary>The declared table at work: who goes first, how much each may take, and that nobody starves.</summary>
public class SlotRulesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Every_consumer_has_exactly_one_rule()
    {
        SlotRules.Table(0.5).Select(r => r.Consumer).Should().BeEquivalentTo(Enum.GetValues<BudgetConsumer>())
            .And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Account_details_get_their_slot_within_a_minute_and_one_call_even_when_deltas_want_every_slot()
    {
        using var budget = Budgets.WithSilentServer(new RateBudget(10, _time, enrichmentShare: 0.5));
        var start = _time.GetUtcNow();
        // A watch that has fallen behind: more of its pages wait than slots ever free at once.
        var deltas = Enumerable.Range(0, 12).Select(_ => budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None)).ToArray();
        Task<BudgetSlot>? account = null;
        DateTimeOffset? asked = null, granted = null;
        int deltasBetween = 0;
        while (_time.GetUtcNow() < start.AddMinutes(10) && granted is null)
        {
            // Deltas granted while an overdue account call still waits would have overtaken it.
            bool overdueAndWaiting = account is { IsCompleted: false } && _time.GetUtcNow() - asked > SlotRules.AccountPatience;
            for (int i = 0; i < deltas.Length; i++)
            {
                while (deltas[i].IsCompleted)
                {
                    deltas[i].Granted().Answered();
                    deltas[i] = budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);
                    if (overdueAndWaiting)
                        deltasBetween++;
                }
            }
            if (account is null && _time.GetUtcNow() >= start.AddMinutes(2))
            {
                account = budget.AcquireAsync(BudgetConsumer.Account, CancellationToken.None);
                asked = _time.GetUtcNow();
            }
            if (account is { IsCompleted: true })
                granted = _time.GetUtcNow();
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        granted.Should().NotBeNull("account details are never starved");
        (granted - asked).Should().BeLessThan(SlotRules.AccountPatience + TimeSpan.FromSeconds(61),
            "after a minute's wait they go next, so they wait at most for one more slot to free");
        deltasBetween.Should().Be(0, "once overdue, the account's call is the very next one");
    }

    [Fact]
    public void Inventory_leaves_room_for_details_when_enrichment_is_on_and_takes_all_the_watch_leaves_when_it_is_off()
    {
        using var withDetails = Budgets.WithSilentServer(new RateBudget(10, _time, enrichmentShare: 0.5));
        using var listOnly = Budgets.WithSilentServer(new RateBudget(10, _time, enrichmentShare: 0));

        withDetails.SlotsOf(BudgetConsumer.Inventory).Should().Be(8);
        Saturate(withDetails, BudgetConsumer.Inventory).Should().Be(8);
        withDetails.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None).IsCompleted
            .Should().BeTrue("details still move during a pass");
        listOnly.SlotsOf(BudgetConsumer.Inventory).Should().Be(9);
        Saturate(listOnly, BudgetConsumer.Inventory).Should().Be(9, "all but the watch's last slot");
        listOnly.SlotsOf(BudgetConsumer.Enrichment).Should().Be(0);
    }

    [Fact]
    public void Calls_and_waits_are_counted_by_consumer()
    {
        using var budget = Budgets.WithSilentServer(new RateBudget(2, _time, enrichmentShare: 0.5));
        budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).Granted().Answered();
        budget.AcquireAsync(BudgetConsumer.Token, CancellationToken.None).Granted().Answered();
        var inventory = budget.AcquireAsync(BudgetConsumer.Inventory, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(61));
        inventory.IsCompleted.Should().BeTrue();

        var usage = budget.Usage.ToDictionary(u => u.Consumer);
        usage.Keys.Should().BeEquivalentTo(Enum.GetValues<BudgetConsumer>(), "every consumer is shown from the start");
        usage[BudgetConsumer.Delta].Calls.Should().Be(1);
        usage[BudgetConsumer.Token].Calls.Should().Be(1);
        usage[BudgetConsumer.Inventory].Calls.Should().Be(1);
        usage[BudgetConsumer.Inventory].Waited.Should().BeCloseTo(TimeSpan.FromSeconds(60.25), TimeSpan.FromSeconds(1));
        usage[BudgetConsumer.Enrichment].Calls.Should().Be(0);
    }

    private static int Saturate(RateBudget budget, BudgetConsumer consumer) =>
        Enumerable.Range(0, 20).Select(_ => budget.AcquireAsync(consumer, CancellationToken.None)).Count(c => c.IsCompleted);
}
