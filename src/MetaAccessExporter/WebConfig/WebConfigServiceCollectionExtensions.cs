using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetaAccessExporter.WebConfig;

public static class WebConfigServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Web:ConfigFile</c> set: TLS on every listen address Kestrel binds, and the toolkit's headers, rate
    /// limit and basic auth in front of every endpoint but <paramref name="unprotected"/>. Without it, nothing.
    /// </summary>
    public static IServiceCollection AddWebConfig(this IServiceCollection services, PathString unprotected)
    {
        services.AddSingleton<WebAccessStats>();
        services.AddSingleton(sp => new WebConfigSource(
            sp.GetRequiredService<WebOptions>().ConfigFile, sp.GetRequiredService<WebAccessStats>(),
            sp.GetRequiredService<ILogger<WebConfigSource>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PasswordCheck>();
        services.AddSingleton<RefusalLog>();
        services.AddSingleton<ClientCertificateCheck>();
        services.AddSingleton<TlsHandshake>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelTls>();
        services.AddSingleton<IStartupFilter>(new WebAccessStartupFilter(unprotected));
        return services;
    }
}
