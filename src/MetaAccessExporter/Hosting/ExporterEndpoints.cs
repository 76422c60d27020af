using System.Buffers;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MetaAccessExporter.Hosting;

public static class ExporterEndpoints
{
    public static IEndpointRouteBuilder MapExporterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (HttpContext http, FleetMetricsRenderer renderer) => WriteMetricsAsync(http, renderer.WriteTo));
        app.MapGet("/metrics/devices", (HttpContext http, DeviceSeriesCache devices) => WriteMetricsAsync(http, devices.WriteTo));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (SyncHealth health) => health.Current.Ready
            ? Results.Text("ready\n")
            : Results.Text("not ready: the model holds no completed sync yet\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/", (HttpContext http, LandingPage page) => Results.Content(page.Render(), "text/html; charset=utf-8"));
        return app;
    }

    /// <summary>Renders into a buffer first, so a scrape gets a Content-Length and a renderer never waits on the network.</summary>
    private static async Task WriteMetricsAsync(HttpContext http, Action<ExpositionWriter> render)
    {
        var format = ExpositionFormats.Negotiate(http.Request.Headers.Accept.ToString());
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        render(new ExpositionWriter(buffer, format));
        http.Response.ContentType = format.ContentType();
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
    }
}
