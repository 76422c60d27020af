using MetaAccessExporter.Hosting;
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
            app.MapGet(ScrapePaths.Metrics, (HttpContext http) => ExporterEndpoints.WriteMetricsAsync(http, exporter.Answer));
        }, exporter);
    }
}
