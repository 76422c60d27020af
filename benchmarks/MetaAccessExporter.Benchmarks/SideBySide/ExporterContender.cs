using MetaAccessExporter.Hosting;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>The exporter: its own <c>/metrics/devices</c> handler over the series cache, and <c>/metrics</c> over the renderer.</summary>
internal static class ExporterContender
{
    public static Task<ScrapeServer> StartAsync(int devices)
    {
        var exporter = new Exporter(devices);
        return ScrapeServer.StartAsync(_ => { }, app => app.UseExporterCompression(), app =>
        {
            app.MapGet(ScrapePaths.Devices, (HttpContext http) => ExporterEndpoints.WriteDeviceSeriesAsync(http, exporter.DeviceSeries));
            app.MapGet(ScrapePaths.Metrics, (HttpContext http) => WriteMetricsAsync(http, exporter.Metrics));
        }, exporter);
    }

    /// <summary>
    /// The body of <c>ExporterEndpoints.WriteMetricsAsync</c>, which is private (made public it would be one more line for the
    /// series-cache rewrite to merge): negotiate, render straight into the response's pipe, flush once.
    /// </summary>
    private static async Task WriteMetricsAsync(HttpContext http, FleetMetricsRenderer renderer)
    {
        var format = ExpositionFormats.Negotiate(http.Request.Headers.Accept.ToString());
        http.Response.ContentType = format.ContentType();
        renderer.WriteTo(new ExpositionWriter(http.Response.BodyWriter, format));
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }
}
