using System.Net;
using MetaAccessExporter.Api.Dto;

namespace MetaAccessExporter.Api;

/// <summary>
/// Reads Account Details v3.1 and decides what the answer means. The counts are only worth having
/// whole: an answer without its status breakdown, or with a row lacking its name or count, fails
/// as invalid rather than report totals that are silently short.
/// </summary>
public sealed class AccountClient(IAccountApi api, ApiCallStats stats)
{
    public async Task<AccountDetails> GetAsync(CancellationToken cancellationToken)
    {
        var answer = await ApiAnswer.ReadAsync(() => api.GetAsync(cancellationToken), ApiEndpoint.Account, "request",
            meansNothing: null, stats, cancellationToken, Explain).ConfigureAwait(false);
        var byStatus = Rows(answer!.DevicesByStatus, "devices_by_status")
            ?? throw ApiAnswer.Invalid(stats, ApiEndpoint.Account, "the answer holds no devices_by_status list");
        var bySeverity = Rows(answer.DevicesByIssueSeverity, "devices_by_issue_severity") ?? [];
        if (answer.DevicesAllowed < 0 || answer.DevicesUsed < 0)
            throw ApiAnswer.Invalid(stats, ApiEndpoint.Account, "the answer holds a negative licence count");
        return new AccountDetails(answer.Name, answer.DevicesAllowed, answer.DevicesUsed, byStatus, bySeverity);
    }

    private List<KeyValuePair<string, long>>? Rows(List<AccountCount?>? rows, string list)
    {
        if (rows is null)
            return null;
        var read = new List<KeyValuePair<string, long>>(rows.Count);
        foreach (var row in rows)
        {
            if (row is not { Key: not null, NumberOfDevices: >= 0 })
                throw ApiAnswer.Invalid(stats, ApiEndpoint.Account, $"a row of {list} has no name or no device count");
            read.Add(new(row.Key, row.NumberOfDevices.Value));
        }
        return read;
    }

    private static string Explain(HttpStatusCode code) => code switch
    {
        HttpStatusCode.Unauthorized => " (the access token was refused; check the credentials)",
        HttpStatusCode.Forbidden => " (the credentials may not read account details)",
        HttpStatusCode.TooManyRequests => " (rate limit hit; the budget is paused)",
        _ => "",
    };
}
