using System.Net;
using MetaAccessExporter.Api.Dto;

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
        // 413 means "past the last page": the normal end of a walk, not a fault.
        var content = await ApiAnswer.ReadAsync(
            () => api.GetPageAsync(request, cancellationToken), ApiEndpoint.StatusChanged, $"page {page}",
            meansNothing: HttpStatusCode.RequestEntityTooLarge, stats, cancellationToken, Explain).ConfigureAwait(false);
        return content is null ? null : Validate(content, page, limit);
    }

    private StatusChangedPage Validate(StatusChangedPage content, int page, int limit)
    {
        content.MonitoredDevices ??= [];
        content.DeletedDevices ??= [];
        if (content.MonitoredDevices.Count > limit || content.DeletedDevices.Count > limit)
        {
            throw Invalid($"page {page} holds {content.MonitoredDevices.Count} + {content.DeletedDevices.Count} devices, "
                + $"more than the {limit} asked for");
        }
        if (content.MonitoredDevices.Any(d => string.IsNullOrWhiteSpace(d.DeviceId))
            || content.DeletedDevices.Any(d => string.IsNullOrWhiteSpace(d.DeviceId)))
            throw Invalid($"page {page} holds a device without device_id");
        return content;
    }

    private MetaAccessApiException Invalid(string why) => ApiAnswer.Invalid(stats, ApiEndpoint.StatusChanged, why);

    private static string Explain(HttpStatusCode code) => code switch
    {
        HttpStatusCode.Unauthorized => " (the access token was refused; check the credentials)",
        HttpStatusCode.NotAcceptable or HttpStatusCode.BadRequest =>
            " (the API refused the page size; MetaAccess:PageSize must be 1 to 50)",
        HttpStatusCode.TooManyRequests => " (rate limit hit; the budget is paused)",
        _ => "",
    };
}
