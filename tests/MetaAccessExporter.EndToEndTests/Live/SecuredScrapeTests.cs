using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Live;

/// <summary>
/// Debian's Prometheus scrapes the exporter as a locked-down install would: HTTPS, a client certificate and basic
/// auth, all from one web configuration file. Prometheus is the client users run, so this is the check that counts.
/// </summary>
public sealed class SecuredScrapeTests
{
    private const string Password = "scrape-secret";

    [RequiresToolsFact("prometheus")]
    public async Task Prometheus_scrapes_over_TLS_with_a_client_certificate_and_a_password()
    {
        var prometheusBinary = Tools.Require("prometheus");
        var pki = new TestCertificates();
        var dir = SecuredExporter.NewDirectory();
        TestCertificates.Write(pki.Client, dir, "client");
        await File.WriteAllTextAsync(Path.Combine(dir, "web.yml"), pki.WriteMutualTls(dir) + $"""
            basic_auth_users:
              prometheus: {BCrypt.Net.BCrypt.HashPassword(Password, 10)}
            """);
        using var exporter = await SecuredExporter.StartAsync(dir, uri => TlsClient.Create(uri, pki.Ca, pki.Client));

        int port = FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: metaaccess
                scheme: https
                basic_auth:
                  username: prometheus
                  password: {Password}
                tls_config:
                  ca_file: {Path.Combine(dir, "ca.pem")}
                  cert_file: {Path.Combine(dir, "client.pem")}
                  key_file: {Path.Combine(dir, "client.key")}
                static_configs:
                  - targets: ['127.0.0.1:{exporter.Port}']
            """);
        using var prometheus = BackgroundProcess.Start("prometheus", prometheusBinary,
        [
            $"--config.file={Path.Combine(dir, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(dir, "tsdb")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ], dir);
        using var client = new PrometheusClient(new Uri($"http://127.0.0.1:{port}"));
        string Describe() => $"{exporter.Process.Describe()}\n{prometheus.Describe()}";
        await Eventually.HttpOkAsync(client.Http, "/-/ready", Describe, () => !prometheus.HasExited);

        await Eventually.SucceedsAsync("Prometheus to scrape the secured exporter", async () =>
        {
            var target = (await client.ActiveTargetsAsync()).Single();
            var devices = await client.ScalarAsync("sum(metaaccess_devices)");
            return target.Health == "up" && devices > 0 ? null : $"target {target.Health} {target.LastError}, devices {devices}";
        }, Describe);
        (await client.ScalarAsync("sum(metaaccess_web_auth_failures_total{reason=~\"wrong_password|unknown_user|client_certificate\"})"))
            .Should().Be(0, "Prometheus logged in every time");
    }
}
