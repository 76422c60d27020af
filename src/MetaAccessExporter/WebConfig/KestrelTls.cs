using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// TLS on every address Kestrel binds (from <c>--urls</c> or <c>ASPNETCORE_URLS</c>, <c>http://</c> included), so the
/// same address serves HTTPS, as the toolkit's does. Each handshake asks <see cref="TlsHandshake"/> for its settings.
/// </summary>
internal sealed class KestrelTls(IServiceProvider services) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        if (!services.GetRequiredService<WebOptions>().Enabled)
            return;
        var source = services.GetRequiredService<WebConfigSource>();
        if (!source.ServesTls)
            return;
        var handshake = services.GetRequiredService<TlsHandshake>();
        options.ConfigureEndpointDefaults(listen =>
        {
            listen.Protocols = source.Http2 ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => ValueTask.FromResult(handshake.OptionsFor(context.Connection)),
            });
        });
    }
}
