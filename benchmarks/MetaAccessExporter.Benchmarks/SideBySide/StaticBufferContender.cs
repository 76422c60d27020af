using MetaAccessExporter.Metrics.Exposition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>
/// The floor: the exporter's <c>/metrics/devices</c> answer as one array, and its gzip answer (the same bytes the
/// exporter sends) as another, each written with one <c>WriteAsync</c> and its Content-Length. What a scrape costs
/// when nothing is rendered, copied or compressed per request.
/// </summary>
internal static class StaticBufferContender
{
    public static Task<ScrapeServer> StartAsync(byte[] answer, byte[] gzip) => ScrapeServer.StartAsync(_ => { },
            app => app.MapGet(ScrapePaths.Devices, (HttpContext http) => WriteAsync(http, answer, gzip)));

    // The compression middleware in front leaves an answer alone that already has a Content-Encoding.
    private static Task WriteAsync(HttpContext http, byte[] answer, byte[] gzip)
    {
        var body = answer;
        if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = gzip;
            http.Response.Headers.ContentEncoding = "gzip";
        }
        http.Response.ContentType = ExpositionFormats.PrometheusContentType;
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }
}
