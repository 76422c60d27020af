using System.Buffers;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAccessExporter.Hosting;

public static class ExporterEndpoints
{
    // A flush waits for the socket to drain the pipe: every 64 KiB that ping-pong cost 1.4× a static
    // buffer at 10,000 devices; every MiB, 1.1×, and a scrape still holds at most a MiB in the pipe.
    private const int FlushEvery = 1024 * 1024;
    private const string DeviceSeriesPath = "/metrics/devices";

    /// <summary>The one endpoint a web configuration leaves open: it says only that the process answers.</summary>
    public const string LivenessPath = "/healthz";
    private const string TelemetryPath = "/metrics/telemetry";
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Gzip, when asked for, on every answer but <c>/metrics/devices</c>, which sends pieces it deflated
    /// when devices changed: compressing 50 MB again on every scrape is what it is built to avoid.
    /// </summary>
    public static IApplicationBuilder UseExporterCompression(this IApplicationBuilder app) =>
        app.UseWhen(http => !http.Request.Path.Equals(DeviceSeriesPath, StringComparison.Ordinal), gzip => gzip.UseResponseCompression());

    public static IEndpointRouteBuilder MapExporterEndpoints(this IEndpointRouteBuilder app)
    {
        // HEAD wherever GET is, as load balancers and uptime checks expect; Kestrel sends no body for it.
        app.MapMethods("/metrics", GetAndHead, WriteMetricsAsync);
        app.MapMethods(DeviceSeriesPath, GetAndHead, WriteDeviceSeriesAsync);
        // OpenTelemetry's own handler, over the provider that holds only .NET's built-in meters.
        app.MapPrometheusScrapingEndpoint(TelemetryPath, app.ServiceProvider.GetRequiredService<TelemetryMeters>().Provider, null, null)
            .WithMetadata(new HttpMethodMetadata(GetAndHead));
        app.MapMethods(LivenessPath, GetAndHead, () => Results.Text("ok\n"));
        app.MapMethods("/readyz", GetAndHead, (Completeness completeness) => completeness.Current is not null
            ? Results.Text("ready\n")
            : Results.Text("not ready: the model holds no completed sync yet\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapMethods("/", GetAndHead,
            (HttpContext http, LandingPage page) => Results.Content(page.Render(), "text/html; charset=utf-8"));
        return app;
    }

    /// <summary>
    /// <c>/metrics/devices</c>: the cache's pieces as they are, or already deflated for a client that takes
    /// gzip, with their length up front. Flushed every MiB, so the pipe holds little and a slow
    /// reader holds back only this scrape. Public so that benchmarks serve it exactly as the exporter does.
    /// </summary>
    public static async Task WriteDeviceSeriesAsync(HttpContext http, DeviceSeriesCache devices)
    {
        var format = ExpositionFormats.Negotiate(http.Request.Headers.Accept.ToString());
        bool gzip = AcceptEncoding.AllowsGzip(http.Request.Headers.AcceptEncoding.ToString());
        var answer = devices.Answer(format);
        var response = http.Response;
        response.ContentType = format.ContentType();
        response.Headers.Vary = "Accept-Encoding";
        if (gzip)
            response.Headers.ContentEncoding = "gzip";
        response.ContentLength = answer.Length(gzip);
        if (HttpMethods.IsHead(http.Request.Method))
            return;
        var body = response.BodyWriter;
        long unflushed = 0;
        foreach (var chunk in answer.Chunks(gzip))
        {
            body.Write(chunk.Span);
            unflushed += chunk.Length;
            if (unflushed < FlushEvery)
                continue;
            unflushed = 0;
            if ((await body.FlushAsync(http.RequestAborted).ConfigureAwait(false)).IsCompleted)
                return;
        }
        await body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Renders straight into the response's pooled pipe buffers (no growing array to copy, whatever
    /// the fleet's size) and flushes once, so a renderer never waits on the network. Public so that
    /// benchmarks serve <c>/metrics</c> exactly as the exporter does.
    /// </summary>
    public static async Task WriteMetricsAsync(HttpContext http, MetricsAnswer answer)
    {
        var format = ExpositionFormats.Negotiate(http.Request.Headers.Accept.ToString());
        http.Response.ContentType = format.ContentType();
        await answer.WriteToAsync(http.Response.BodyWriter, format, http.RequestAborted).ConfigureAwait(false);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
