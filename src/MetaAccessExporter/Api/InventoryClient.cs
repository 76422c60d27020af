using System.Net;
using MetaAccessExporter.Api.Dto;

namespace MetaAccessExporter.Api;

/// <summary>
/// Reads one page of the inventory (Get Devices v3.7) and decides what the answer means: a page, with the cursor of the
/// next one unless the list has ended, or a failure. A body that is not the list's JSON, or a page larger than asked
/// for, fails whole; within a usable page each record is read on its own and a bad one is skipped
/// (<see cref="RecordReader"/>).
/// </summary>
public sealed class InventoryClient(IInventoryApi api, ApiCallStats stats, RecordReader records)
{
    /// <param name="cursor">The previous page's <see cref="InventoryPage.NextCursor"/>; null (or empty) starts from the oldest
    /// device.</param>
    public async Task<InventoryPage> GetPageAsync(string? cursor, int limit, CancellationToken cancellationToken)
    {
        var sent = string.IsNullOrEmpty(cursor) ? null : cursor;
        var answer = await ApiAnswer.ReadAsync(
            () => api.GetPageAsync(new InventoryRequest(sent, limit), cancellationToken), ApiEndpoint.Devices, "request",
            meansNothing: null, stats, cancellationToken, Explain).ConfigureAwait(false);
        // An answer without the list (an error object with status 200) must not pass for the end of it:
        // the pass would then remove every device it had not listed yet.
        var entries = answer!.Devices
            ?? throw ApiAnswer.Invalid(stats, ApiEndpoint.Devices, "the answer holds no devices list");
        if (entries.Count > limit)
            throw ApiAnswer.Invalid(stats, ApiEndpoint.Devices, $"a page holds {entries.Count} devices, more than the {limit} asked for");
        var unreadable = new List<string>();
        var devices = records.Devices(ApiEndpoint.Devices, entries, unreadable);
        return new InventoryPage(devices, NextCursor(answer.NextToken, sent, entries.Count), entries.Count, unreadable);
    }

    /// <summary>
    /// The API does not document how its last page says so: an empty, null or absent <c>next_token</c> all end the list,
    /// and so does an empty page. A token that repeats the cursor just sent would have us read the same page forever.
    /// </summary>
    private static string? NextCursor(string? token, string? sent, int entries) =>
        string.IsNullOrWhiteSpace(token) || entries == 0 || token == sent ? null : token;

    private static string Explain(HttpStatusCode code) => code switch
    {
        HttpStatusCode.Unauthorized => " (the access token was refused; check the credentials)",
        HttpStatusCode.NotAcceptable => " (the API refused the page size; MetaAccess:PageSize must be 1 to 50)",
        HttpStatusCode.TooManyRequests => " (rate limit hit; the budget is paused)",
        _ => "",
    };
}
