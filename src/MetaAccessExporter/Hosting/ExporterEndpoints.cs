using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MetaAccessExporter.Hosting;

public static class ExporterEndpoints
{
    public static IEndpointRouteBuilder MapExporterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (HttpContext http, FleetMetricsRenderer renderer) => WriteMetricsAsync(http, renderer.WriteTo));
        app.MapGet("/metrics/devices", WriteDeviceSeriesAsync);
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (Completeness completeness) => completeness.Current is not null
            ? Results.Text("ready\n")
            : Results.Text("not ready: the model holds no completed sync yet\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/", (HttpContext http, LandingPage page) => Results.Content(page.Render(), "text/html; charset=utf-8"));
        return app;
    }

    /// <summary><c>/metrics/devices</c>: public so that benchmarks serve it exactly as the exporter does.</summary>
    public static Task WriteDeviceSeriesAsync(HttpContext http, DeviceSeriesCache devices) => WriteMetricsAsync(http, devices.WriteTo);

    /// <summary>
    /// Renders straight into the response's pooled pipe buffers (no growing array to copy, whatever
    /// the fleet's size) and flushes once, so a renderer never waits on the network.
    /// </summary>
    private static async Task WriteMetricsAsync(HttpContext http, Action<ExpositionWriter> render)
    {
        var format = ExpositionFormats.Negotiate(http.Request.Headers.Accept.ToString());
        http.Response.ContentType = format.ContentType();
        render(new ExpositionWriter(http.Response.BodyWriter, format));
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
