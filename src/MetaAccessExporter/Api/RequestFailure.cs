using Refit;

namespace MetaAccessExporter.Api;

/// <summary>
/// Refit hands back a call that never got an answer as an <see cref="ApiRequestException"/> inside
/// the response instead of throwing. This turns it back into the exception the handler chain raised
/// (already counted and redacted), or a cancellation when we are shutting down.
/// </summary>
internal static class RequestFailure
{
    public static void ThrowIfNoAnswer(IApiResponse response, string endpoint, CancellationToken cancellationToken)
    {
        if (!response.HasRequestError(out var error))
            return;
        cancellationToken.ThrowIfCancellationRequested();
        var cause = error.InnerException ?? error;
        if (cause is MetaAccessApiException known)
            throw known;
        if (cause is OperationCanceledException canceled)
            throw canceled;
        throw new MetaAccessApiException(endpoint, "error", $"{endpoint}: {cause.Message}", cause);
    }
}
