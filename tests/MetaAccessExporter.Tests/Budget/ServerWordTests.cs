using MetaAccessExporter.Budget;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Budget;

/// <summary>The server's rate-limit headers, as the budget obeys them: other clients spend the same account.</summary>
public class ServerWordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public void Before_the_first_answer_calls_go_one_at_a_time()
    {
        using var budget = new RateBudget(10, _time);
        var first = budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);
        var second = budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);

        first.IsCompleted.Should().BeTrue();
        second.IsCompleted.Should().BeFalse("nothing is known of what other clients left until an answer says");
        first.Granted().Answered(new RateLimitReport(10, 5, T0.AddSeconds(30)));
        second.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void No_call_is_sent_that_the_server_said_it_has_no_room_for_until_its_reset_time()
    {
        using var budget = new RateBudget(10, _time);
        Take(budget).Answered(new RateLimitReport(10, 2, T0.AddSeconds(40)));

        var calls = Enumerable.Range(0, 3).Select(_ => budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None)).ToList();
        calls.Count(c => c.IsCompleted).Should().Be(2, "the server said two calls were left");
        budget.Used.Should().Be(3, "the exporter's own window would have allowed ten");
        foreach (var granted in calls.Where(c => c.IsCompleted))
            granted.Granted().Answered();

        _time.Advance(TimeSpan.FromSeconds(39.9));
        calls[2].IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(0.1));
        calls[2].IsCompleted.Should().BeTrue("the server's period has reset");
        budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted
            .Should().BeFalse("after the reset the server has not spoken again: one call at a time");
    }

    [Fact]
    public void Calls_still_in_flight_are_taken_off_what_the_server_said_is_left()
    {
        using var budget = new RateBudget(10, _time);
        Take(budget).Answered(new RateLimitReport(10, 9, T0.AddSeconds(60)));
        var inFlight = Enumerable.Range(0, 3).Select(_ => Take(budget)).ToList();

        // The first of them answers "6 left": the two others may not have been counted yet.
        inFlight[0].Answered(new RateLimitReport(10, 6, T0.AddSeconds(60)));
        var more = Enumerable.Range(0, 5).Select(_ => budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None)).ToList();

        more.Count(c => c.IsCompleted).Should().Be(4, "6 left, less the 2 calls the server may not have counted yet");
        budget.Server.Remaining.Should().Be(6, "the server's own number is shown as it said it");
    }

    [Fact]
    public void Background_consumers_leave_the_servers_last_call_to_the_watch()
    {
        using var budget = new RateBudget(10, _time, enrichmentShare: 0.5);
        Take(budget).Answered(new RateLimitReport(10, 2, T0.AddSeconds(50)));

        budget.AcquireAsync(BudgetConsumer.Inventory, CancellationToken.None).Granted()
            .Answered(new RateLimitReport(10, 1, T0.AddSeconds(50)));
        var inventory = budget.AcquireAsync(BudgetConsumer.Inventory, CancellationToken.None);
        var enrichment = budget.AcquireAsync(BudgetConsumer.Enrichment, CancellationToken.None);
        var account = budget.AcquireAsync(BudgetConsumer.Account, CancellationToken.None);

        inventory.IsCompleted.Should().BeFalse("the account has one call left, and it is the watch's");
        enrichment.IsCompleted.Should().BeFalse();
        account.IsCompleted.Should().BeFalse();
        budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void A_server_that_sends_no_headers_leaves_the_exporters_own_window_in_charge()
    {
        using var budget = new RateBudget(5, _time);
        Take(budget).Answered(report: null);

        Enumerable.Range(0, 6).Select(_ => budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None)).Count(c => c.IsCompleted)
            .Should().Be(4, "calls go side by side again, and the window of 5 holds the first call too");
    }

    [Fact]
    public void A_call_that_failed_without_an_answer_teaches_nothing_about_the_server()
    {
        using var budget = new RateBudget(5, _time);
        Take(budget).Unanswered();

        budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted.Should().BeTrue();
        budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted
            .Should().BeFalse("still one at a time: no answer has said whether the server sends the headers");
    }

    [Fact]
    public void A_restart_remembers_the_last_minute_and_the_servers_word()
    {
        using var before = new RateBudget(10, _time);
        Take(before).Answered(new RateLimitReport(10, 3, T0.AddSeconds(45)));
        Take(before).Answered(new RateLimitReport(10, 0, T0.AddSeconds(45)));
        var memory = before.Remember();

        _time.Advance(TimeSpan.FromSeconds(5));
        using var after = new RateBudget(10, _time);
        after.Recall(memory);

        after.Used.Should().Be(2, "the calls of the last minute still count");
        after.Server.Remaining.Should().Be(0);
        var first = after.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);
        first.IsCompleted.Should().BeFalse("the server said nothing is left until its reset");
        _time.Advance(TimeSpan.FromSeconds(40));
        first.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public void A_word_that_has_run_out_is_not_recalled()
    {
        using var before = new RateBudget(10, _time);
        Take(before).Answered(new RateLimitReport(10, 0, T0.AddSeconds(10)));
        var memory = before.Remember();

        _time.Advance(TimeSpan.FromSeconds(70));
        using var after = new RateBudget(10, _time);
        after.Recall(memory);

        after.Used.Should().Be(0, "the remembered call left the window");
        after.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted.Should().BeTrue();
        after.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).IsCompleted
            .Should().BeFalse("the server sends headers, and has not spoken since its period reset");
    }

    private static BudgetSlot Take(RateBudget budget) => budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None).Granted();
}
