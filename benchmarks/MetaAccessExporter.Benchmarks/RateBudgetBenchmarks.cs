using BenchmarkDotNet.Attributes;
using MetaAccessExporter.Budget;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 5. What taking a slot costs every HTTP call when one is free, and handing its answer's rate-limit
/// headers back (the budget sends one call at a time until an answer speaks, so every slot is answered).
/// The clock steps 7 s per call, so at most 9 of the 10 slots are ever held and each call also prunes
/// the grant that aged out.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class RateBudgetBenchmarks
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(7);
    private ManualClock _clock = null!;
    private RateBudget _budget = null!;
    private CancellationTokenSource _cancellation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clock = new ManualClock(Fleet.Now);
        _budget = new RateBudget(10, _clock, enrichmentShare: 0.5);
        _cancellation = new CancellationTokenSource();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _budget.Dispose();
        _cancellation.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task AcquireFreeSlot()
    {
        _clock.Advance(Step);
        var slot = await _budget.AcquireAsync(BudgetConsumer.Delta, CancellationToken.None);
        slot.Answered(new RateLimitReport(10, 5, _clock.GetUtcNow().AddSeconds(30)));
    }

    /// <summary>As the HTTP handler calls it: with the request's cancellable token.</summary>
    [Benchmark]
    public async Task AcquireFreeSlotCancellable()
    {
        _clock.Advance(Step);
        var slot = await _budget.AcquireAsync(BudgetConsumer.Delta, _cancellation.Token);
        slot.Answered(new RateLimitReport(10, 5, _clock.GetUtcNow().AddSeconds(30)));
    }
}
