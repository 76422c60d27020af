using MetaAccessExporter.Budget;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Budget;

public class RateBudgetTests
{
    private static readonly TimeSpan NetworkSkew = TimeSpan.FromMilliseconds(200);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Never_grants_more_than_the_limit_in_any_60_second_window_over_a_simulated_hour()
    {
        const int limit = 10;
        using var budget = Budgets.WithSilentServer(new RateBudget(limit, _time));
        var grants = new List<DateTimeOffset>();
        var end = _time.GetUtcNow().AddHours(1);
        // Three callers that want a slot all the time, so every slot that frees is fought over. The clock moves in
        // 1 ms steps and a grant is recorded at the step it is seen, so a recorded instant is the grant's own (slots
        // free at whole milliseconds): a slot freed even a few ms early shows, and so does a missing margin.
        var callers = Enumerable.Range(0, 3).Select(_ => budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None)).ToArray();
        while (_time.GetUtcNow() < end)
        {
            for (int c = 0; c < callers.Length; c++)
            {
                while (callers[c].IsCompleted)
                {
                    grants.Add(_time.GetUtcNow());
                    callers[c] = budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);
                }
            }
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        grants.Count.Should().BeGreaterThan(500, "a saturated budget of 10/min should grant close to 600 calls in an hour");
        // The fullest window of a given length starts at a grant, so checking those windows checks them all.
        for (int i = 0; i < grants.Count; i++)
        {
            int inWindow = grants.Skip(i).TakeWhile(g => g < grants[i] + RateBudget.Window).Count();
            inWindow.Should().BeLessThanOrEqualTo(limit, $"the window starting at {grants[i]:O} must hold at most {limit} calls");
            // The server counts a call when it arrives: a call that arrives up to 200 ms later than the one ten before it
            // (a slower connection, a retransmit) must still find the server's window free.
            int withSkew = grants.Skip(i).TakeWhile(g => g < grants[i] + RateBudget.Window + NetworkSkew).Count();
            withSkew.Should().BeLessThanOrEqualTo(limit, $"calls granted from {grants[i]:O} may arrive up to {NetworkSkew} apart");
        }
    }

    [Fact]
    public async Task A_full_budget_makes_the_next_caller_wait_for_the_oldest_slot_to_leave_the_window()
    {
        using var budget = Budgets.WithSilentServer(new RateBudget(3, _time));
        for (int i = 0; i < 3; i++)
            await budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);

        var fourth = budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);
        _time.Advance(RateBudget.Window);
        fourth.IsCompleted.Should().BeFalse("a slot is held a little longer than the window, for calls that reach the server late");
        _time.Advance(TimeSpan.FromSeconds(1));
        fourth.IsCompleted.Should().BeTrue("the oldest slot has left the window and its margin");
        budget.Used.Should().Be(1, "the first three slots left the window");
    }

    [Fact]
    public void A_pause_holds_every_caller_until_it_ends()
    {
        using var budget = Budgets.WithSilentServer(new RateBudget(10, _time, enrichmentShare: 0.5));
        budget.PauseUntil(_time.GetUtcNow().AddSeconds(30));

        var sync = budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);
        var enrichment = budget.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(29.999));
        sync.IsCompleted.Should().BeFalse();
        enrichment.IsCompleted.Should().BeFalse();
        budget.Used.Should().Be(0);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        sync.IsCompleted.Should().BeTrue();
        enrichment.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void Sync_callers_are_served_before_enrichment_callers_that_waited_longer()
    {
        using var budget = Budgets.WithSilentServer(new RateBudget(2, _time, enrichmentShare: 0.5));
        budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted.Should().BeTrue();
        budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted.Should().BeTrue();

        var enrichment = budget.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None);
        var sync = budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(61));

        sync.IsCompleted.Should().BeTrue();
        enrichment.IsCompleted.Should().BeFalse("enrichment never takes the last free slot");
    }

    [Fact]
    public void Enrichment_never_takes_more_than_its_share_nor_the_last_free_slot()
    {
        using var budget = Budgets.WithSilentServer(new RateBudget(10, _time, enrichmentShare: 0.5));
        var granted = Enumerable.Range(0, 20).Select(_ => budget.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None)).ToList();

        granted.Count(t => t.IsCompleted).Should().Be(5);
        budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted.Should().BeTrue("sync still finds free slots");

        // A share as large as the whole budget still leaves the last slot to sync.
        using var greedy = Budgets.WithSilentServer(new RateBudget(3, _time, enrichmentShare: 1));
        greedy.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted.Should().BeTrue();
        greedy.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None).IsCompleted.Should().BeTrue();
        greedy.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None).IsCompleted
            .Should().BeFalse("one slot is left: it is sync's");
        greedy.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void Inventory_takes_what_sync_leaves_but_never_the_last_free_slot_and_goes_before_enrichment()
    {
        using var budget = Budgets.WithSilentServer(new RateBudget(4, _time, enrichmentShare: 0.5));
        var inventory = Enumerable.Range(0, 4).Select(_ => budget.AcquireAsync(BudgetConsumer.Inventory, CancellationToken.None)).ToList();
        var enrichment = budget.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None);

        inventory.Count(t => t.IsCompleted).Should().Be(3, "with enrichment on, inventory takes 80 % (3 of 4), never the last slot");
        enrichment.IsCompleted.Should().BeFalse();
        budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted.Should().BeTrue("the last slot is the sync's");

        _time.Advance(TimeSpan.FromSeconds(61));
        inventory[3].IsCompleted.Should().BeTrue("a waiting inventory page goes before enrichment that waited longer");
        enrichment.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void With_a_budget_of_one_call_inventory_still_gets_the_slot_when_sync_does_not_wait()
    {
        using var budget = Budgets.WithSilentServer(new RateBudget(1, _time, enrichmentShare: 0));

        budget.AcquireAsync(BudgetConsumer.Inventory, CancellationToken.None).IsCompleted.Should().BeTrue();
        budget.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None).IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_up_without_spending_a_slot()
    {
        using var budget = Budgets.WithSilentServer(new RateBudget(1, _time));
        await budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = budget.AcquireAsync(BudgetConsumer.Delta, cancel.Token);

        cancel.Cancel();
        await waiting.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        _time.Advance(TimeSpan.FromSeconds(61));
        budget.Used.Should().Be(0);
    }
}

/// <summary>Budgets whose server sends no rate-limit headers, so only the exporter's own window and table decide.</summary>
internal static class Budgets
{
    public static RateBudget WithSilentServer(RateBudget budget)
    {
        budget.Recall(BudgetMemory.SilentServer);
        return budget;
    }

    /// <summary>The slot of a wait that must already be over.</summary>
    public static BudgetSlot Granted(this Task<BudgetSlot> wait)
    {
        wait.IsCompleted.Should().BeTrue("the slot was free");
        return wait.Result;
    }
}

public class BudgetSplitTests
{
    [Fact]
    public void Delta_pages_never_wait_for_enrichment_that_saturates_its_share()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        using var budget = Budgets.WithSilentServer(new RateBudget(10, time, enrichmentShare: 0.5));
        var enrichment = budget.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None);
        int enrichmentCalls = 0;
        var end = time.GetUtcNow().AddMinutes(30);
        var nextPoll = time.GetUtcNow().AddSeconds(5);
        while (time.GetUtcNow() < end)
        {
            while (enrichment.IsCompleted)
            {
                enrichmentCalls++;
                enrichment = budget.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None);
            }
            if (time.GetUtcNow() >= nextPoll)
            {
                // A poll cycle of four pages, as the delta sync sends them.
                for (int page = 0; page < 4; page++)
                {
                    budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted
                        .Should().BeTrue($"page {page} at {time.GetUtcNow():T} must not wait for enrichment");
                }
                nextPoll = time.GetUtcNow().AddSeconds(61);
            }
            time.Advance(TimeSpan.FromMilliseconds(500));
        }
        enrichmentCalls.Should().BeGreaterThan(100, "enrichment still gets its share of the spare budget");
    }
}
