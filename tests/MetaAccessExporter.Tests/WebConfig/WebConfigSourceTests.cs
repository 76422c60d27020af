using MetaAccessExporter.WebConfig;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.WebConfig;

/// <summary>The file is read again when it, or a file it names, changes; a change that cannot be used changes nothing.</summary>
public sealed class WebConfigSourceTests : IDisposable
{
    private static readonly TestCertificates Pki = new();
    private static readonly string AliceHash = BCrypt.Net.BCrypt.HashPassword("alice's", workFactor: 4);
    private readonly string _dir = Directory.CreateTempSubdirectory("metaaccess-webconfig-").FullName;
    private readonly WebAccessStats _stats = new(new WebOptions { ConfigFile = "web.yml" });
    private readonly FakeTimeProvider _time = new();

    private string ConfigFile => Path.Combine(_dir, "web.yml");

    [Fact]
    public void A_changed_file_takes_effect_at_the_next_request_and_is_counted()
    {
        Write($"basic_auth_users:\n  alice: {AliceHash}\n");
        var source = Source();

        Write($"basic_auth_users:\n  bob: {AliceHash}\n");

        Settled(source).Config.BasicAuthUsers.Keys.Should().Equal("bob");
        _stats.Reloads.Should().Be(1);
        _stats.Current!.LastReloadSuccessful.Should().BeTrue();
    }

    [Fact]
    public void A_change_that_cannot_be_used_leaves_the_last_good_one_in_force_and_is_counted_once()
    {
        Write($"basic_auth_users:\n  alice: {AliceHash}\n");
        var source = Source();

        Write("basic_auth_users:\n  alice: not-a-hash\n");
        for (int i = 0; i < 3; i++)
            Settled(source).Config.BasicAuthUsers.Keys.Should().Equal(["alice"], "a typo must not open the exporter to everyone");
        _stats.RejectedReloads.Should().Be(1, "the same bad file is not read again and again");
        _stats.Current!.LastReloadSuccessful.Should().BeFalse();

        Write($"basic_auth_users:\n  carol: {AliceHash}\n");
        Settled(source).Config.BasicAuthUsers.Keys.Should().Equal("carol");
        _stats.Current!.LastReloadSuccessful.Should().BeTrue();
    }

    [Fact]
    public void A_renewed_certificate_is_served_from_the_next_handshake()
    {
        TestCertificates.Write(Pki.Server, _dir, "server");
        Write("tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n");
        var source = Source();
        source.Current.Tls!.Leaf.Thumbprint.Should().Be(Pki.Server.Thumbprint);

        var renewed = Pki.RenewedServer();
        WriteCertificate(renewed, "server");

        Settled(source).Tls!.Leaf.Thumbprint.Should().Be(renewed.Thumbprint, "the web.yml itself did not change");
        _stats.Current!.CertificateNotAfter.Should().Be(new DateTimeOffset(renewed.NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void A_certificate_that_is_missing_at_a_change_is_picked_up_once_it_appears()
    {
        TestCertificates.Write(Pki.Server, _dir, "server");
        Write("tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n");
        var source = Source();

        Write("tls_server_config:\n  cert_file: renewed.pem\n  key_file: renewed.key\n");
        Settled(source).Tls!.Leaf.Thumbprint.Should().Be(Pki.Server.Thumbprint, "renewed.pem does not exist yet");
        var renewed = Pki.RenewedServer();
        WriteCertificate(renewed, "renewed");

        Settled(source).Tls!.Leaf.Thumbprint.Should().Be(renewed.Thumbprint);
    }

    [Fact]
    public void Turning_TLS_off_takes_a_restart()
    {
        TestCertificates.Write(Pki.Server, _dir, "server");
        Write("tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n");
        var source = Source();

        Write($"basic_auth_users:\n  alice: {AliceHash}\n");

        Settled(source).Config.Tls.Should().NotBeNull("the listener still speaks TLS");
        _stats.RejectedReloads.Should().Be(1);
    }

    [Fact]
    public void The_files_are_looked_at_once_a_second_at_most()
    {
        Write($"basic_auth_users:\n  alice: {AliceHash}\n");
        var source = Source();
        File.WriteAllText(ConfigFile, $"basic_auth_users:\n  bob: {AliceHash}\n");

        source.Current.Config.BasicAuthUsers.Keys.Should().Equal(["alice"], "less than a second went by");
        _time.Advance(WebConfigSource.CheckEvery);
        source.Current.Config.BasicAuthUsers.Keys.Should().Equal(["alice"], "a change applies once a second look agrees");
        _time.Advance(WebConfigSource.CheckEvery);
        source.Current.Config.BasicAuthUsers.Keys.Should().Equal("bob");
    }

    [Fact]
    public void A_file_caught_half_written_is_not_applied()
    {
        Write($"basic_auth_users:\n  alice: {AliceHash}\n");
        var source = Source();

        Write("basic_auth_users:\n");
        _ = source.Current;
        Write($"basic_auth_users:\n  bob: {AliceHash}\n");

        Settled(source).Config.BasicAuthUsers.Keys.Should().Equal("bob");
        _stats.RejectedReloads.Should().Be(0);
        _stats.Reloads.Should().Be(1, "the half-written file was never applied");
    }

    [Fact]
    public void A_file_emptied_for_good_is_refused_rather_than_opening_the_exporter()
    {
        Write($"basic_auth_users:\n  alice: {AliceHash}\n");
        var source = Source();

        Write("");

        Settled(source).Config.BasicAuthUsers.Keys.Should().Equal("alice");
        _stats.RejectedReloads.Should().Be(1);
    }

    [Fact]
    public void Putting_back_the_configuration_in_force_clears_the_failed_reload()
    {
        string good = $"basic_auth_users:\n  alice: {AliceHash}\n";
        Write(good);
        var source = Source();
        Write("basic_auth_users:\n  alice: typo\n");
        _ = Settled(source);
        _stats.Current!.LastReloadSuccessful.Should().BeFalse();

        Write(good);
        _ = Settled(source);

        _stats.Current!.LastReloadSuccessful.Should().BeTrue();
    }

    [Fact]
    public void An_edit_that_leaves_the_rate_limit_as_it_was_does_not_refill_it()
    {
        Write($"rate_limit:\n  interval: 1h\n  burst: 1\nbasic_auth_users:\n  alice: {AliceHash}\n");
        var source = Source();
        source.Current.Limiter!.TryTake().Should().BeTrue();

        Write($"rate_limit:\n  interval: 1h\n  burst: 1\nbasic_auth_users:\n  bob: {AliceHash}\n");

        Settled(source).Limiter!.TryTake().Should().BeFalse("the bucket emptied before the edit stays empty");
    }

    [Fact]
    public void A_file_that_cannot_be_used_at_start_stops_it_naming_the_key()
    {
        Write("tls_server_config:\n  cert_file: missing.pem\n  key_file: missing.key\n");

        var start = () => Source();

        start.Should().Throw<WebConfigException>().Which.Message.Should().Contain("tls_server_config.cert_file")
            .And.Contain(Path.Combine(_dir, "missing.pem"));
    }

    [Fact]
    public void A_key_that_is_not_the_certificates_is_refused_naming_the_key_file()
    {
        TestCertificates.Write(Pki.Server, _dir, "server");
        TestCertificates.Write(Pki.Client, _dir, "client");
        Write("tls_server_config:\n  cert_file: server.pem\n  key_file: client.key\n");

        var start = () => Source();

        start.Should().Throw<WebConfigException>().Which.Message.Should().Contain("tls_server_config.key_file");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private WebConfigSource Source() => new(ConfigFile, _stats, NullLogger<WebConfigSource>.Instance, _time);

    /// <summary>Two looks a second apart, after which a change that holds still is applied.</summary>
    private WebConfigReading Settled(WebConfigSource source)
    {
        _ = source.Current;
        _time.Advance(WebConfigSource.CheckEvery);
        return source.Current;
    }

    /// <summary>Writes the file and lets the source's next look at the files come due.</summary>
    private void Write(string yaml)
    {
        File.WriteAllText(ConfigFile, yaml);
        _time.Advance(WebConfigSource.CheckEvery);
    }

    private void WriteCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, string name)
    {
        TestCertificates.Write(certificate, _dir, name);
        _time.Advance(WebConfigSource.CheckEvery);
    }
}
