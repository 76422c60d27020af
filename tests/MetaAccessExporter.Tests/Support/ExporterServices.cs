using MetaAccessExporter.Api;
using MetaAccessExporter.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Tests.Support;

/// <summary>
/// The exporter's services as the host composes them (the same module table), without the web host:
/// what the harnesses build on, so a test never wires a module differently from production.
/// </summary>
internal static class ExporterServices
{
    public static ServiceProvider Build(
        IDictionary<string, string?> settings,
        TimeProvider time,
        LogLevel level,
        ILoggerProvider? logs = null,
        Action<MetaAccessOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(level);
            if (logs is not null)
                b.AddProvider(logs);
        });
        services.AddSingleton(time);
        services.AddExporterModules(configuration);
        if (configure is not null)
            services.PostConfigure(configure);
        var provider = services.BuildServiceProvider();
        ExporterModules.ValidateConfiguration(provider);
        return provider;
    }
}
