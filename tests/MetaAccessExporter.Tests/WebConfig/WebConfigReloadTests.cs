using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace MetaAccessExporter.Tests.WebConfig;

/// <summary>The running exporter picks up a renewed certificate and changed users without a restart, as the toolkit does.</summary>
public sealed class WebConfigReloadTests : IAsyncLifetime
{
    private readonly TestCertificates _pki = new();
    private SecuredExporter? _exporter;

    private static string Users(string password) => $"basic_auth_users:\n  alice: {BCrypt.Net.BCrypt.HashPassword(password, 4)}\n";

    [Fact]
    public async Task A_renewed_certificate_and_a_new_password_apply_from_the_next_connection()
    {
        var renewed = _pki.RenewedServer();
        X509Certificate2? presented = null;
        using var before = TlsClient.Create(_exporter!.Https, _pki.Ca, login: ("alice", "first"), seen: c => presented = c);
        (await before.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
        presented!.Thumbprint.Should().Be(_pki.Server.Thumbprint);

        TestCertificates.Write(renewed, _exporter.Directory, "server");
        await File.WriteAllTextAsync(_exporter.ConfigFile, Tls + Users("second"));

        // The exporter looks at its files once a second.
        await Eventually.SucceedsAsync("the old password to be refused", async () =>
            (await before.GetAsync("/metrics")).StatusCode == HttpStatusCode.Unauthorized ? null : "still accepted");
        presented!.Thumbprint.Should().Be(renewed.Thumbprint, "a new connection gets the renewed certificate");
        using var after = TlsClient.Create(_exporter.Https, _pki.Ca, login: ("alice", "second"));
        (await after.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.Async(() => Task.FromResult(_exporter.Process.Output.Contains("Reloaded the web configuration")),
            TimeSpan.FromSeconds(10), "the reload should be logged (the console logger writes from a queue)");
    }

    [Fact]
    public async Task The_container_probe_asks_healthz_over_TLS()
    {
        var probe = await ToolRun.RunAsync(Tools.Dotnet,
            [RepositoryPaths.BuiltAssembly("MetaAccessExporter"), "--probe", $"{_exporter!.Https}healthz"]);

        probe.ExitCode.Should().Be(0, probe.Output);
    }

    private const string Tls = "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n";

    public async Task InitializeAsync()
    {
        var dir = SecuredExporter.NewDirectory();
        TestCertificates.Write(_pki.Server, dir, "server");
        await File.WriteAllTextAsync(Path.Combine(dir, "web.yml"), Tls + Users("first"));
        _exporter = await SecuredExporter.StartAsync(dir, uri => TlsClient.Create(uri, _pki.Ca));
    }

    public Task DisposeAsync()
    {
        _exporter?.Dispose();
        return Task.CompletedTask;
    }
}
