using System.Net;
using MetaAccessExporter.Api.Dto;

namespace MetaAccessExporter.Api;

/// <summary>
/// Fetches one page of the delta feed and decides what the answer means: a page, the end of the
/// walk (413), or a failure. A body that is not the page's JSON, or a page larger than asked for, fails
/// whole; within a usable page each record is read on its own and a bad one is skipped (<see cref="RecordReader"/>).
/// </summary>
public sealed class StatusChangedClient(IStatusChangedApi api, ApiCallStats stats, RecordReader records)
{
    public const int MaxAgeSeconds = 86_400;

    /// <param name="windowStart">The instant the walk reads changes from; the <c>age</c> asked for is measured back to it
    /// when the request leaves, after any wait for a budget slot or a token.</param>
    /// <returns>The page, or null when <paramref name="page"/> is past the last page.</returns>
    public async Task<DeltaPage?> GetPageAsync(DateTimeOffset windowStart, int page, int limit, CancellationToken cancellationToken)
    {
        // RequestAgeHandler overwrites this age as the request leaves; the widest window until then can only over-read.
        var request = new StatusChangedRequest(MaxAgeSeconds, page, limit, Verbose: 1);
        // 413 means "past the last page": the normal end of a walk, not a fault.
        var content = await ApiAnswer.ReadAsync(
            () => api.GetPageAsync(request, windowStart, cancellationToken), ApiEndpoint.StatusChanged, $"page {page}",
            meansNothing: HttpStatusCode.RequestEntityTooLarge, stats, cancellationToken, Explain).ConfigureAwait(false);
        return content is null ? null : Read(content, page, limit);
    }

    private DeltaPage Read(StatusChangedPage content, int page, int limit)
    {
        var monitored = content.MonitoredDevices ?? [];
        var deleted = content.DeletedDevices ?? [];
        if (monitored.Count > limit || deleted.Count > limit)
            throw Invalid($"page {page} holds {monitored.Count} + {deleted.Count} devices, more than the {limit} asked for");
        var devices = records.Devices(ApiEndpoint.StatusChanged, monitored);
        // A device both changed and deleted on one page stays: deleting one the page also reports live could lose it for good,
        // while one kept by mistake goes when a later page reports it deleted alone.
        var kept = devices.Select(d => d.DeviceId!).ToHashSet(StringComparer.Ordinal);
        var deletedIds = records.Ids(ApiEndpoint.StatusChanged, deleted).Where(id => !kept.Contains(id)).ToList();
        return new DeltaPage(devices, deletedIds, monitored.Count + deleted.Count);
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
