using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>
/// One contender's in-process Kestrel server on a free loopback port, built like the exporter's host
/// (<c>WebApplication.CreateBuilder</c>, the exporter's response compression in front of the endpoints) so that
/// the contenders differ only in what answers the scrape.
/// </summary>
internal sealed class ScrapeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable[] _owned;

    private ScrapeServer(WebApplication app, IDisposable[] owned)
    {
        _app = app;
        _owned = owned;
        Address = new Uri(app.Urls.Single());
    }

    /// <summary>Where it listens, with the port Kestrel picked.</summary>
    public Uri Address { get; }

    /// <param name="services">The contender's own registrations.</param>
    /// <param name="endpoints">Maps the contender's scrape endpoints.</param>
    /// <param name="owned">Disposed with the server (a meter, a model).</param>
    public static Task<ScrapeServer> StartAsync(
        Action<IServiceCollection> services, Action<WebApplication> endpoints, params IDisposable[] owned) =>
        StartAsync(services, app => app.UseResponseCompression(), endpoints, owned);

    /// <param name="compression">Puts compression in front of the endpoints (the exporter skips its pre-deflated path).</param>
    public static async Task<ScrapeServer> StartAsync(
        Action<IServiceCollection> services, Action<WebApplication> compression, Action<WebApplication> endpoints,
        params IDisposable[] owned)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddExporterCompression();
        services(builder.Services);
        var app = builder.Build();
        compression(app);
        endpoints(app);
        await app.StartAsync();
        return new ScrapeServer(app, owned);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var owned in _owned)
            owned.Dispose();
    }
}
