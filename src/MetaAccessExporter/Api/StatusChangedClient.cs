using System.Globalization;
using System.Net;
using MetaAccessExporter.Api.Dto;
using Refit;

namespace MetaAccessExporter.Api;

/// <summary>
/// Fetches one page of the delta feed and decides what the answer means: a page, the end of the
/// walk (413), or a failure. A page is accepted whole or not at all, so a bad body can never be
/// half-applied.
/// </summary>
public sealed class StatusChangedClient(IStatusChangedApi api, ApiCallStats stats)
{
    public const int MaxAgeSeconds = 86_400;

    /// <returns>The page, or null when <paramref name="page"/> is past the last page.</returns>
    public async Task<StatusChangedPage?> GetPageAsync(int ageSeconds, int page, int limit, CancellationToken cancellationToken)
    {
        var request = new StatusChangedRequest(Math.Clamp(ageSeconds, 0, MaxAgeSeconds), page, limit, Verbose: 1);
        IApiResponse<StatusChangedPage> response;
        try
        {
            response = await api.GetPageAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ApiException or System.Text.Json.JsonException)
        {
            throw Invalid($"the answer to page {page} is not the expected JSON", ex);
        }
        using (response)
        {
            RequestFailure.ThrowIfNoAnswer(response, ApiEndpoint.StatusChanged, cancellationToken);
            // 413 means "past the last page": the normal end of a walk, not a fault.
            if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
                return null;
            if (!response.IsSuccessStatusCode)
            {
                var code = ((int)response.StatusCode!.Value).ToString(CultureInfo.InvariantCulture);
                throw new MetaAccessApiException(ApiEndpoint.StatusChanged, code, $"{ApiEndpoint.StatusChanged} page {page} answered {code}{Explain(response.StatusCode.Value)}");
            }
            if (response.Error is not null || response.Content is null)
                throw Invalid($"the answer to page {page} is not the expected JSON", response.Error);
            return Validate(response.Content, page, limit);
        }
    }

    private StatusChangedPage Validate(StatusChangedPage content, int page, int limit)
    {
        content.MonitoredDevices ??= [];
        content.DeletedDevices ??= [];
        if (content.MonitoredDevices.Count > limit || content.DeletedDevices.Count > limit)
            throw Invalid($"page {page} holds {content.MonitoredDevices.Count} + {content.DeletedDevices.Count} devices, more than the {limit} asked for");
        if (content.MonitoredDevices.Any(d => string.IsNullOrWhiteSpace(d.DeviceId)) || content.DeletedDevices.Any(d => string.IsNullOrWhiteSpace(d.DeviceId)))
            throw Invalid($"page {page} holds a device without device_id");
        return content;
    }

    private MetaAccessApiException Invalid(string why, Exception? inner = null)
    {
        stats.RecordInvalidResponse(ApiEndpoint.StatusChanged);
        return new MetaAccessApiException(ApiEndpoint.StatusChanged, "invalid", $"{ApiEndpoint.StatusChanged}: {why}", inner);
    }

    private static string Explain(HttpStatusCode code) => code switch
    {
        HttpStatusCode.Unauthorized => " (the access token was refused; check the credentials)",
        HttpStatusCode.NotAcceptable or HttpStatusCode.BadRequest => " (the API refused the page size; MetaAccess:PageSize must be 1 to 50)",
        HttpStatusCode.TooManyRequests => " (rate limit hit; the budget is paused)",
        _ => "",
    };
}
