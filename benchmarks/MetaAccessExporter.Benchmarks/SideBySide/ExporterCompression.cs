using MetaAccessExporter.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>
/// The exporter's own response compression, read out of a host configured by
/// <see cref="ExporterRegistration.AddMetaAccessExporter"/> rather than copied by hand, so that gzip scrapes are
/// served as in production (MIME types, providers, level) whatever production's setting becomes. Program.cs puts
/// <c>UseExporterCompression()</c> before the endpoints (every path but the pre-deflated <c>/metrics/devices</c>);
/// <see cref="ExporterContender"/> does the same, and the other contenders put the middleware before everything.
/// </summary>
internal static class ExporterCompression
{
    private static readonly Lazy<Settings> Production = new(Read);

    public static IServiceCollection AddExporterCompression(this IServiceCollection services)
    {
        var production = Production.Value;
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = production.Compression.EnableForHttps;
            o.MimeTypes = production.Compression.MimeTypes;
            o.ExcludedMimeTypes = production.Compression.ExcludedMimeTypes;
            foreach (var provider in production.Compression.Providers)
                o.Providers.Add(provider);
        });
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = production.Gzip.Level);
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = production.Brotli.Level);
        return services;
    }

    /// <summary>Nothing starts: the host is only configured, and its options read.</summary>
    private static Settings Read()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.AddMetaAccessExporter();
        using var services = builder.Services.BuildServiceProvider();
        return new Settings(
            services.GetRequiredService<IOptions<ResponseCompressionOptions>>().Value,
            services.GetRequiredService<IOptions<GzipCompressionProviderOptions>>().Value,
            services.GetRequiredService<IOptions<BrotliCompressionProviderOptions>>().Value);
    }

    private sealed record Settings(
        ResponseCompressionOptions Compression, GzipCompressionProviderOptions Gzip, BrotliCompressionProviderOptions Brotli);
}
