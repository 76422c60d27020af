using MetaAccessExporter.WebConfig;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.WebConfig;

public class TokenBucketTests
{
    [Fact]
    public void A_burst_passes_then_one_request_per_interval_as_with_Gos_rate_limiter()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(new RateLimitConfig(TimeSpan.FromSeconds(1), Burst: 3), time);

        Enumerable.Range(0, 3).Select(_ => bucket.TryTake()).ToList().Should().AllBeEquivalentTo(true);
        bucket.TryTake().Should().BeFalse();
        time.Advance(TimeSpan.FromMilliseconds(999));
        bucket.TryTake().Should().BeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));
        bucket.TryTake().Should().BeTrue();
        time.Advance(TimeSpan.FromMinutes(1));
        Enumerable.Range(0, 4).Count(_ => bucket.TryTake()).Should().Be(3, "idle time refills no more than the burst");
    }
}
