using BenchmarkDotNet.Attributes;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MetaAccessExporter.WebConfig;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// 7. What <c>--web.config.file</c> adds to every request: checking that the file and the TLS files it names have
/// not changed (three small reads), and a login already verified once. Beside a <c>/metrics</c> scrape of 1,000
/// devices, so the cost reads as a share of a scrape's.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class WebAccessBenchmarks
{
    private const string Password = "scrape-secret";
    private string _dir = null!;
    private WebConfigSource _source = null!;
    private PasswordCheck _passwords = null!;
    private BasicAuthUsers _users = null!;
    private Exporter _exporter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("metaaccess-bench-").FullName;
        WriteSelfSigned(_dir);
        string hash = BCrypt.Net.BCrypt.HashPassword(Password, 10);
        File.WriteAllText(Path.Combine(_dir, "web.yml"), $"""
            tls_server_config:
              cert_file: server.pem
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: server.pem
            basic_auth_users:
              prometheus: {hash}
            """);
        var options = new WebOptions { ConfigFile = Path.Combine(_dir, "web.yml") };
        _source = new WebConfigSource(options.ConfigFile, new WebAccessStats(options), NullLogger<WebConfigSource>.Instance,
            TimeProvider.System);
        _users = new BasicAuthUsers(new Dictionary<string, string> { ["prometheus"] = hash });
        _passwords = new PasswordCheck();
        _passwords.CheckAsync("prometheus", Password, _users, default).AsTask().GetAwaiter().GetResult();
        _exporter = new Exporter(1_000);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exporter.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    // Its own CA as well: the benchmark reads the files, it does not judge the chain.
    private static void WriteSelfSigned(string dir)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(Path.Combine(dir, "server.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.key"), key.ExportPkcs8PrivateKeyPem());
    }

    [Benchmark(Baseline = true)]
    public int MetricsScrape() => _exporter.Scrape(_exporter.Metrics.WriteTo);

    [Benchmark]
    public WebConfigReading UnchangedConfiguration() => _source.Current;

    [Benchmark]
    public ValueTask<LoginFailure?> RememberedLogin() => _passwords.CheckAsync("prometheus", Password, _users, default);
}
