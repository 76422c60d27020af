using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace MetaAccessExporter.Tests.WebConfig;

/// <summary>
/// The exporter as a process, behind a web configuration asking for everything at once (TLS 1.3, a client
/// certificate from the client CA with an allowed SAN, and a password), tried with a real TLS client.
/// </summary>
public sealed partial class SecuredEndpointsTests(SecuredEndpointsTests.Exporter exporter) : IClassFixture<SecuredEndpointsTests.Exporter>
{
    private const string Password = "fakepassword";
    private static readonly (string, string) Alice = ("alice", Password);

    [Theory]
    [InlineData("/metrics", "metaaccess_devices{")]
    [InlineData("/metrics/devices", "# TYPE")]
    [InlineData("/", "<html")]
    public async Task A_scraper_with_the_client_certificate_and_the_password_reads_every_endpoint(string path, string expected)
    {
        using var http = exporter.Client(exporter.Pki.Client, Alice);

        var body = await Eventually.HttpOkAsync(http, path, exporter.Process.Describe, contains: expected);

        body.Should().Contain(expected);
    }

    [Fact]
    public async Task A_certificate_issued_under_an_intermediate_is_accepted_on_every_new_connection()
    {
        using var http = TlsClient.Create(
            exporter.Https, exporter.Pki.Ca, exporter.Pki.ClientUnderIntermediate, Alice, intermediate: exporter.Pki.Intermediate);

        for (int i = 0; i < 3; i++)
            (await http.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK, $"connection {i + 1}");
    }

    [Fact]
    public async Task HTTP_2_is_offered_over_TLS()
    {
        using var http = exporter.Client(exporter.Pki.Client, Alice);

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/healthz") { Version = HttpVersion.Version20 });

        response.Version.Should().Be(HttpVersion.Version20);
    }

    [Fact]
    public async Task Only_the_liveness_check_answers_without_a_password()
    {
        using var http = exporter.Client(exporter.Pki.Client);

        (await http.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            foreach (var path in new[] { "/metrics", "/metrics/devices", "/metrics/telemetry", "/readyz", "/", "/HEALTHZ", "/healthz/" })
            {
                using var response = await http.SendAsync(new HttpRequestMessage(method, path));
                response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} {path}");
                response.Headers.WwwAuthenticate.ToString().Should().Be("Basic");
            }
        }
    }

    [Fact]
    public async Task Refused_logins_are_counted_by_reason()
    {
        var before = await FailuresAsync();

        using (var wrong = exporter.Client(exporter.Pki.Client, ("alice", "guess")))
            (await wrong.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var unknown = exporter.Client(exporter.Pki.Client, ("mallory", Password)))
            (await unknown.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var none = exporter.Client(exporter.Pki.Client))
            (await none.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var after = await FailuresAsync();
        (after["wrong_password"] - before["wrong_password"]).Should().Be(1);
        (after["unknown_user"] - before["unknown_user"]).Should().Be(1);
        (after["no_credentials"] - before["no_credentials"]).Should().Be(1);
        // The console logger writes from a queue of its own: the line may come a moment after the answer.
        await Eventually.Async(() => Task.FromResult(exporter.Process.Output.Contains("Failed login as alice")),
            TimeSpan.FromSeconds(10), "the failed login should be logged");
        exporter.Process.Output.Should().NotContain("guess", "a password is never logged");
    }

    [Fact]
    public async Task A_client_without_an_acceptable_certificate_cannot_even_connect_and_is_counted()
    {
        var before = await FailuresAsync();

        foreach (var certificate in new[] { null, exporter.Pki.ForeignClient, exporter.Pki.ClientWithOtherSan })
            (await CanAskAsync(certificate)).Should().BeFalse(certificate?.Subject ?? "no certificate");
        (await CanAskAsync(exporter.Pki.Client)).Should().BeTrue();

        var after = await FailuresAsync();
        (after["client_certificate"] - before["client_certificate"]).Should().Be(3, "one per refused handshake");
    }

    [Fact]
    public async Task TLS_below_min_version_and_plain_HTTP_are_refused()
    {
        using var tls12 = exporter.Client(exporter.Pki.Client, Alice, SslProtocols.Tls12);
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{exporter.Port}") };

        await tls12.Invoking(h => h.GetAsync("/healthz")).Should().ThrowAsync<HttpRequestException>();
        await plain.Invoking(h => h.GetAsync("/healthz")).Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task The_configured_headers_are_on_every_answer_refusals_included()
    {
        using var http = exporter.Client(exporter.Pki.Client);

        using var open = await http.GetAsync("/healthz");
        using var refused = await http.GetAsync("/metrics");

        open.Headers.GetValues("X-Frame-Options").Should().Equal("deny");
        refused.Headers.GetValues("X-Frame-Options").Should().Equal("deny");
    }

    /// <summary>One connection, one handshake (HttpClient would try again), then one request for <c>/healthz</c>.</summary>
    private async Task<bool> CanAskAsync(X509Certificate2? certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, exporter.Port);
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = certificate is null ? null : [certificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            // With TLS 1.3 the server judges the client's certificate after the client thinks the handshake is done.
            await tls.WriteAsync("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray());
            var answer = new byte[12];
            int read = await tls.ReadAsync(answer);
            return Encoding.ASCII.GetString(answer, 0, read).StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException)
        {
            return false;
        }
    }

    private async Task<Dictionary<string, long>> FailuresAsync()
    {
        using var http = exporter.Client(exporter.Pki.Client, Alice);
        var metrics = await http.GetStringAsync("/metrics");
        return FailureLine().Matches(metrics).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value));
    }

    [GeneratedRegex("""^metaaccess_web_auth_failures_total\{reason="(\w+)"\} (\d+)$""", RegexOptions.Multiline)]
    private static partial Regex FailureLine();

    public sealed class Exporter : IAsyncLifetime
    {
        private SecuredExporter? _exporter;

        public Uri Https => _exporter!.Https;

        public TestCertificates Pki { get; } = new();

        public int Port => _exporter!.Port;

        public BackgroundProcess Process => _exporter!.Process;

        public HttpClient Client(
            X509Certificate2? certificate,
            (string, string)? login = null,
            SslProtocols protocols = SslProtocols.None) =>
            TlsClient.Create(_exporter!.Https, Pki.Ca, certificate, login, protocols);

        public async Task InitializeAsync()
        {
            var dir = SecuredExporter.NewDirectory();
            await File.WriteAllTextAsync(Path.Combine(dir, "web.yml"), Pki.WriteMutualTls(dir) + """
                  min_version: TLS13
                http_server_config:
                  headers:
                    X-Frame-Options: deny
                basic_auth_users:
                  # bcrypt of "fakepassword", made by Go (the toolkit's decoy hash)
                  alice: $2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi
                """);
            _exporter = await SecuredExporter.StartAsync(dir, uri => TlsClient.Create(uri, Pki.Ca, Pki.Client));
        }

        public Task DisposeAsync()
        {
            _exporter?.Dispose();
            return Task.CompletedTask;
        }
    }
}
