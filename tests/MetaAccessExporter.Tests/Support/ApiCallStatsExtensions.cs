using MetaAccessExporter.Api;

namespace MetaAccessExporter.Tests.Support;

internal static class ApiCallStatsExtensions
{
    /// <summary>The value of <c>metaaccess_api_requests_total{endpoint, code}</c>.</summary>
    public static long Requests(this ApiCallStats stats, string endpoint, string code) =>
        stats.Requests.Where(r => r.Endpoint == endpoint && r.Code == code).Sum(r => r.Count);

    /// <summary>The counts that moved: the stats list every endpoint's usual codes at 0 from the start.</summary>
    public static IEnumerable<(string Endpoint, string Code, long Count)> Counted(this IEnumerable<(string, string, long)> counts) =>
        counts.Where(c => c.Item3 > 0);

    /// <inheritdoc cref="Counted(IEnumerable{ValueTuple{string, string, long}})"/>
    public static IEnumerable<(string Endpoint, long Count)> Counted(this IEnumerable<(string, long)> counts) =>
        counts.Where(c => c.Item2 > 0);
}
