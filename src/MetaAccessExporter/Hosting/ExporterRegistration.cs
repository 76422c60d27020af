using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaAccessExporter.Hosting;

/// <summary>The host around the modules: listen address, logging defaults, shutdown, compression, the landing page.</summary>
public static class ExporterRegistration
{
    // Kestrel's and HttpClient's per-request lines at Information would bury the exporter's own; the
    // lowest-priority source, so appsettings.json, environment and command line still override them.
    private static readonly Dictionary<string, string?> QuietFrameworkLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http"] = "Warning",
    };

    // SIGTERM must finish the page being applied, save and exit well inside a container's 10 s grace.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(8);

    public static WebApplicationBuilder AddMetaAccessExporter(this WebApplicationBuilder builder, string? demoBanner = null)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietFrameworkLogging });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(ListenAddress.DefaultUrl);
        // Under systemd (deploy/systemd): tells it when the exporter is ready and stopping (Type=notify),
        // and writes logs as the journal expects. Elsewhere it does nothing.
        builder.Host.UseSystemd();
        var services = builder.Services;
        services.AddConsoleLogFormat(builder.Configuration);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        services.AddSingleton(new DemoBanner(demoBanner));
        services.AddExporterModules(builder.Configuration);
        services.AddSingleton<LandingPage>();
        services.AddResponseCompression(o => o.MimeTypes = ["text/plain", "application/openmetrics-text"]);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return builder;
    }
}
