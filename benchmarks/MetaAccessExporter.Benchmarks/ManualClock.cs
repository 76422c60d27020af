namespace MetaAccessExporter.Benchmarks;

/// <summary>A clock that moves only when told: a fixed scrape instant, or a budget stepped past its window.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
