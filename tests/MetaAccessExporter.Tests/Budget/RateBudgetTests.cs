using MetaAccessExporter.Budget;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Budget;

public class RateBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Never_grants_more_than_the_limit_in_any_60_second_window_over_a_simulated_hour()
    {
        using var budget = new RateBudget(10, _time);
        var grants = new List<DateTimeOffset>();
        var end = _time.GetUtcNow().AddHours(1);
        // A caller that wants a slot all the time, plus a burst at every window edge.
        var pending = budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None);
        while (_time.GetUtcNow() < end)
        {
            while (pending.IsCompleted)
            {
                grants.Add(_time.GetUtcNow());
                pending = budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None);
            }
            _time.Advance(TimeSpan.FromMilliseconds(250));
        }

        grants.Count.Should().BeGreaterThan(500, "a saturated budget of 10/min should grant close to 600 calls in an hour");
        for (int i = 0; i < grants.Count; i++)
        {
            int inWindow = grants.Skip(i).TakeWhile(g => g < grants[i] + RateBudget.Window).Count();
            inWindow.Should().BeLessThanOrEqualTo(10, $"the window starting at {grants[i]:O} must hold at most 10 calls");
        }
    }

    [Fact]
    public async Task A_full_budget_makes_the_next_caller_wait_for_the_oldest_slot_to_leave_the_window()
    {
        using var budget = new RateBudget(3, _time);
        for (int i = 0; i < 3; i++)
            await budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None);

        var fourth = budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(59));
        fourth.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(2));
        fourth.IsCompleted.Should().BeTrue();
        budget.Used.Should().Be(1, "the first three slots left the window");
    }

    [Fact]
    public void A_pause_holds_every_caller_until_it_ends()
    {
        using var budget = new RateBudget(10, _time);
        budget.PauseUntil(_time.GetUtcNow().AddSeconds(30));

        var waiting = budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(29));
        waiting.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(1));
        waiting.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void Sync_callers_are_served_before_enrichment_callers_that_waited_longer()
    {
        using var budget = new RateBudget(2, _time, enrichmentLimit: 1);
        budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None).IsCompleted.Should().BeTrue();
        budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None).IsCompleted.Should().BeTrue();

        var enrichment = budget.AcquireAsync(BudgetPriority.Enrichment, CancellationToken.None);
        var sync = budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(61));

        sync.IsCompleted.Should().BeTrue();
        enrichment.IsCompleted.Should().BeFalse("enrichment never takes the last free slot");
    }

    [Fact]
    public void Enrichment_never_takes_more_than_its_share_nor_the_last_free_slot()
    {
        using var budget = new RateBudget(10, _time, enrichmentLimit: 5);
        var granted = Enumerable.Range(0, 20).Select(_ => budget.AcquireAsync(BudgetPriority.Enrichment, CancellationToken.None)).ToList();

        granted.Count(t => t.IsCompleted).Should().Be(5);
        budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None).IsCompleted.Should().BeTrue("sync still finds free slots");
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_up_without_spending_a_slot()
    {
        using var budget = new RateBudget(1, _time);
        await budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = budget.AcquireAsync(BudgetPriority.Sync, cancel.Token);

        cancel.Cancel();
        await waiting.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        _time.Advance(TimeSpan.FromSeconds(61));
        budget.Used.Should().Be(0);
    }
}

public class BudgetSplitTests
{
    [Fact]
    public void Delta_pages_never_wait_for_enrichment_that_saturates_its_share()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        using var budget = new RateBudget(10, time, enrichmentLimit: 5);
        var enrichment = budget.AcquireAsync(BudgetPriority.Enrichment, CancellationToken.None);
        int enrichmentCalls = 0;
        var end = time.GetUtcNow().AddMinutes(30);
        var nextPoll = time.GetUtcNow().AddSeconds(5);
        while (time.GetUtcNow() < end)
        {
            while (enrichment.IsCompleted)
            {
                enrichmentCalls++;
                enrichment = budget.AcquireAsync(BudgetPriority.Enrichment, CancellationToken.None);
            }
            if (time.GetUtcNow() >= nextPoll)
            {
                // A poll cycle of four pages, as the delta sync sends them.
                for (int page = 0; page < 4; page++)
                    budget.AcquireAsync(BudgetPriority.Sync, CancellationToken.None).IsCompleted.Should().BeTrue($"page {page} at {time.GetUtcNow():T} must not wait for enrichment");
                nextPoll = time.GetUtcNow().AddSeconds(61);
            }
            time.Advance(TimeSpan.FromMilliseconds(500));
        }
        enrichmentCalls.Should().BeGreaterThan(100, "enrichment still gets its share of the spare budget");
    }
}
