using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Api.Http;

/// <summary>
/// The innermost handler: one per endpoint. It bounds each request, body included, by
/// <c>MetaAccess:RequestTimeout</c> (the body is read here, so a server that sends headers and then
/// stalls cannot hang a cycle) and refuses bodies over <see cref="MaxBodyBytes"/>. It counts every
/// call that reached the wire by status code, or as <c>timeout</c> / <c>error</c> when no whole answer
/// came. Failures leave as <see cref="MetaAccessApiException"/> with redacted messages.
/// </summary>
internal sealed class ApiCallRecorder(
    string endpoint, ApiCallStats stats, MetaAccessOptions options, TimeProvider time, ILogger<ApiCallRecorder> logger)
    : DelegatingHandler
{
    // A page of 50 verbose devices is some 100 KB; anything near this is not an answer to our question.
    public const long MaxBodyBytes = 16 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(MaxBodyBytes, linked.Token).ConfigureAwait(false);
            var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            stats.RecordRequest(endpoint, code);
            Log.ApiCall(logger, endpoint, request.Method.Method, UrlRedactor.Redact(request.RequestUri), code);
            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            stats.RecordRequest(endpoint, "timeout");
            throw new MetaAccessApiException(endpoint, "timeout",
                $"{endpoint}: no whole answer within {options.RequestTimeout} from {UrlRedactor.Redact(request.RequestUri)}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            response?.Dispose();
            stats.RecordRequest(endpoint, "error");
            throw new MetaAccessApiException(endpoint, "error",
                $"{endpoint}: {ex.Message} ({UrlRedactor.Redact(request.RequestUri)})", ex);
        }
    }
}
