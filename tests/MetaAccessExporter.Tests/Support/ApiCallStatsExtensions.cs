using MetaAccessExporter.Api;

namespace MetaAccessExporter.Tests.Support;

internal static class ApiCallStatsExtensions
{
    /// <summary>The value of <c>metaaccess_api_requests_total{endpoint, code}</c>.</summary>
    public static long Requests(this ApiCallStats stats, string endpoint, string code) =>
        stats.Requests.Where(r => r.Endpoint == endpoint && r.Code == code).Sum(r => r.Count);
}
