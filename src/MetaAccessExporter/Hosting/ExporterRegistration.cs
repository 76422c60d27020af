using MetaAccessExporter.Api;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Model;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Hosting;

public static class ExporterRegistration
{
    public const string DefaultUrl = "http://0.0.0.0:9713";

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
            builder.WebHost.UseUrls(DefaultUrl);
        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new DemoBanner(demoBanner));

        AddValidatedOptions<MetaAccessOptions, MetaAccessOptionsValidator>(services, builder.Configuration, MetaAccessOptions.Section);
        services.PostConfigure<MetaAccessOptions>(o => o.TreatBlankCredentialsAsUnset());
        AddValidatedOptions<ExporterOptions, ExporterOptionsValidator>(services, builder.Configuration, ExporterOptions.Section);
        AddValidatedOptions<EnrichmentOptions, EnrichmentOptionsValidator>(services, builder.Configuration, EnrichmentOptions.Section);

        services.AddMetaAccessApi();
        services.AddDeltaSync();
        services.AddEnrichment();
        services.AddDeviceModel();
        services.AddExporterMetrics(otlp: !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]));
        services.AddSingleton<LandingPage>();
        services.AddResponseCompression(o => o.MimeTypes = ["text/plain", "application/openmetrics-text"]);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>
    /// Binds and validates every options section now, so a bad value stops start-up with one clear
    /// line (the host's own start-up check would log a stack trace first).
    /// </summary>
    /// <exception cref="OptionsValidationException">A value breaks a rule.</exception>
    /// <exception cref="InvalidOperationException">A value cannot be read as its type, or a key is unknown.</exception>
    public static void ValidateConfiguration(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<MetaAccessOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ExporterOptions>>().Value;
        _ = services.GetRequiredService<IOptions<EnrichmentOptions>>().Value;
    }

    /// <summary>Binds a section strictly (an unknown key is an error, not a typo ignored) and validates it before anything starts.</summary>
    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TOptions>>().Value);
    }
}
