using System.Net;

namespace MetaAccessExporter.Tests.WebConfig;

/// <summary>Withdrawing a client CA also ends the connections a scraper keeps open, not only new handshakes.</summary>
public sealed class ClientCaChangeTests : IAsyncLifetime
{
    private readonly TestCertificates _pki = new();
    private SecuredExporter? _exporter;

    [Fact]
    public async Task A_kept_alive_connection_is_closed_once_its_certificate_is_no_longer_accepted()
    {
        using var scraper = TlsClient.Create(_exporter!.Https, _pki.Ca, _pki.Client, keepAlive: true);
        (await scraper.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The root no longer: only the intermediate, which did not issue the scraper's certificate.
        TestCertificates.Write(_pki.Intermediate, _exporter.Directory, "ca");

        await Eventually.Async(async () =>
        {
            try
            {
                await scraper.GetAsync("/healthz");
                return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(15), "the scraper's connection should be refused within seconds of the change");
        // The console logger writes from a queue of its own: the line may come a moment after the refusal.
        await Eventually.Async(() => Task.FromResult(_exporter.Process.Output.Contains("Refused the TLS client certificate")),
            TimeSpan.FromSeconds(10), "the refusal should be logged");
    }

    public async Task InitializeAsync()
    {
        var dir = SecuredExporter.NewDirectory();
        await File.WriteAllTextAsync(Path.Combine(dir, "web.yml"), _pki.WriteMutualTls(dir));
        _exporter = await SecuredExporter.StartAsync(dir, uri => TlsClient.Create(uri, _pki.Ca, _pki.Client));
    }

    public Task DisposeAsync()
    {
        _exporter?.Dispose();
        return Task.CompletedTask;
    }
}
