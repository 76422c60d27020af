using Polly;
using Polly.Retry;

namespace MetaAccessExporter.Api;

/// <summary>
/// How the readers of the API (the delta watch, inventory passes) try again: with jittered exponential
/// backoff from 5 seconds up to <c>maxDelay</c>, as long as it takes (or <c>maxAttempts</c> times); only
/// our own shutdown ends the retries, any other cancellation (a timeout) is one more failure. On the
/// injected clock, so tests run backoff on simulated time.
/// </summary>
public static class RetryUntilRead
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(5);

    public static ResiliencePipeline Pipeline(TimeProvider time, TimeSpan maxDelay, int maxAttempts = int.MaxValue) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                && !(ex is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
            MaxRetryAttempts = maxAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = FirstDelay,
            MaxDelay = maxDelay > FirstDelay ? maxDelay : FirstDelay,
        })
        .Build();
}
