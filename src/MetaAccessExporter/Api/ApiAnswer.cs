using System.Globalization;
using System.Net;
using System.Text.Json;
using Refit;

namespace MetaAccessExporter.Api;

/// <summary>
/// Decides, in one place for every endpoint, what an answer means: its content; nothing, for the
/// one status that is an answer in itself (413 ends a page walk, 404 names an unknown device); or a
/// failure, as a <see cref="MetaAccessApiException"/> carrying the code it was counted under.
/// </summary>
internal static class ApiAnswer
{
    public static async Task<T?> ReadAsync<T>(
        Func<Task<IApiResponse<T>>> call,
        string endpoint,
        string what,
        HttpStatusCode? meansNothing,
        ApiCallStats stats,
        CancellationToken cancellationToken,
        Func<HttpStatusCode, string>? explain = null)
        where T : class
    {
        IApiResponse<T> response;
        try
        {
            response = await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ApiException or JsonException)
        {
            throw Invalid(stats, endpoint, $"the answer to {what} is not the expected JSON", ex);
        }
        using (response)
        {
            ThrowIfNoAnswer(response, endpoint, cancellationToken);
            var status = response.StatusCode!.Value;
            if (status == meansNothing)
                return null;
            if (!response.IsSuccessStatusCode)
            {
                var code = ((int)status).ToString(CultureInfo.InvariantCulture);
                throw new MetaAccessApiException(endpoint, code, $"{endpoint} {what} answered {code}{explain?.Invoke(status)}");
            }
            if (response.Error is not null || response.Content is null)
                throw Invalid(stats, endpoint, $"the answer to {what} is not the expected JSON", response.Error);
            return response.Content;
        }
    }

    /// <summary>Counts an unusable answer and describes it.</summary>
    public static MetaAccessApiException Invalid(ApiCallStats stats, string endpoint, string why, Exception? inner = null)
    {
        stats.RecordInvalidResponse(endpoint);
        return new MetaAccessApiException(endpoint, "invalid", $"{endpoint}: {why}", inner);
    }

    /// <summary>
    /// Refit hands back a call that never got an answer as an <see cref="ApiRequestException"/> inside
    /// the response instead of throwing; this rethrows what the handler chain raised (already counted
    /// and redacted), or the cancellation when we are shutting down.
    /// </summary>
    private static void ThrowIfNoAnswer(IApiResponse response, string endpoint, CancellationToken cancellationToken)
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
