using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Tests.Support;

/// <summary>The real exporter host, in memory, configured for a test API server and a fast poll.</summary>
internal sealed class ExporterFactory(IDictionary<string, string?> settings, ILoggerProvider? logs = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public static Dictionary<string, string?> Settings(string apiUrl, string? statePath = "") => new()
    {
        ["MetaAccess:BaseUrl"] = apiUrl,
        ["MetaAccess:AccessToken"] = "SECRET-TOKEN-123",
        ["MetaAccess:Account"] = "acme",
        ["MetaAccess:PollInterval"] = "00:00:01",
        ["MetaAccess:RequestsPerMinute"] = "6000",
        ["Exporter:StatePath"] = statePath,
        ["Enrichment:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        builder.ConfigureLogging(l =>
        {
            l.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
                l.AddProvider(logs);
        });
        if (services is not null)
            builder.ConfigureTestServices(services);
    }

    /// <summary>Polls <c>/readyz</c> until the exporter holds a completed sync, or fails after the deadline.</summary>
    public async Task<HttpClient> ReadyClientAsync(TimeSpan? deadline = null)
    {
        var client = CreateClient();
        await Eventually.Async(async () => (await client.GetAsync("/readyz")).IsSuccessStatusCode, deadline ?? TimeSpan.FromSeconds(30),
            "the exporter never became ready");
        return client;
    }
}
