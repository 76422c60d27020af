using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Api.Http;

/// <summary>
/// The innermost handler: one per endpoint. It bounds each request by
/// <c>MetaAccess:RequestTimeout</c> and counts every call that reached the wire by status code,
/// or as <c>timeout</c> / <c>error</c> when no answer came. Failures leave as
/// <see cref="MetaAccessApiException"/> with redacted messages.
/// </summary>
internal sealed class ApiCallRecorder(string endpoint, ApiCallStats stats, MetaAccessOptions options, TimeProvider time, ILogger<ApiCallRecorder> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
            var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            stats.RecordRequest(endpoint, code);
            Log.ApiCall(logger, endpoint, request.Method.Method, UrlRedactor.Redact(request.RequestUri), code);
            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            stats.RecordRequest(endpoint, "timeout");
            throw new MetaAccessApiException(endpoint, "timeout",
                $"{endpoint}: no answer within {options.RequestTimeout} from {UrlRedactor.Redact(request.RequestUri)}", ex);
        }
        catch (HttpRequestException ex)
        {
            stats.RecordRequest(endpoint, "error");
            throw new MetaAccessApiException(endpoint, "error",
                $"{endpoint}: {ex.Message} ({UrlRedactor.Redact(request.RequestUri)})", ex);
        }
    }
}
