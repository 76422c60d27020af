using System.Security.Authentication;
using MetaAccessExporter.WebConfig;

namespace MetaAccessExporter.Tests.WebConfig;

/// <summary>exporter-toolkit's format as users write it, and every mistake named by its key.</summary>
public class WebConfigReaderTests
{
    private const string GoHash = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";

    [Fact]
    public void A_full_file_in_the_toolkits_format_is_read_with_relative_paths_from_its_own_folder()
    {
        var config = WebConfigReader.Parse($"""
            tls_server_config:
              cert_file: tls/server.pem
              key_file: /etc/keys/server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.pem
              client_allowed_sans: [prometheus.example, 10.0.0.1]
              min_version: TLS13
              cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
              prefer_server_cipher_suites: true
              curve_preferences: [X25519]
            http_server_config:
              http2: false
              headers:
                X-Frame-Options: deny
                Strict-Transport-Security: max-age=31536000
                Content-Security-Policy: ""
            basic_auth_users:
              alice: {GoHash}
              "bob smith": '{GoHash}'
            rate_limit:
              interval: 100ms
              burst: 5
            """, "/srv/exporter");

        var tls = config.Tls!;
        tls.Certificate.Path.Should().Be("/srv/exporter/tls/server.pem");
        tls.Key.Path.Should().Be("/etc/keys/server.key");
        tls.ClientCa!.Path.Should().Be("/srv/exporter/ca.pem");
        tls.ClientAuth.Should().Be(ClientAuthType.RequireAndVerifyClientCert);
        tls.ClientAllowedSans.Should().Equal("prometheus.example", "10.0.0.1");
        tls.Protocols.Should().Be(SslProtocols.Tls13);
        tls.CipherSuites.Should().NotBeNull();
        tls.CurvePreferences.Should().Equal("X25519");
        config.Http.Http2.Should().BeFalse();
        config.Http.Headers.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["X-Frame-Options"] = "deny",
            ["Strict-Transport-Security"] = "max-age=31536000",
        }, "a blank header is unset, as in the toolkit");
        config.BasicAuthUsers.Keys.Should().BeEquivalentTo("alice", "bob smith");
        config.RateLimit.Should().Be(new RateLimitConfig(TimeSpan.FromMilliseconds(100), 5));
    }

    [Fact]
    public async Task The_shipped_example_is_read_and_its_hash_made_by_libxcrypt_accepts_its_password()
    {
        var example = RepositoryPaths.PathOf("deploy", "web-config.example.yml");

        var config = WebConfigReader.Parse(File.ReadAllText(example), "/etc/metaaccess-exporter");

        config.Tls!.ClientAuth.Should().Be(ClientAuthType.RequireAndVerifyClientCert);
        config.Tls.Certificate.Path.Should().Be("/etc/metaaccess-exporter/tls/server.pem");
        (await new PasswordCheck().CheckAsync("prometheus", "change-me", new BasicAuthUsers(config.BasicAuthUsers), default))
            .Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    [InlineData("tls_server_config:\nbasic_auth_users:\n")]
    [InlineData("tls_server_config:\n  min_version: TLS12\n")]
    public void A_file_that_turns_nothing_on_serves_plain_HTTP_to_everyone(string yaml)
    {
        var config = WebConfigReader.Parse(yaml, "/");

        config.Tls.Should().BeNull();
        config.BasicAuthUsers.Should().BeEmpty();
        config.RateLimit.Should().BeNull();
        config.Http.Http2.Should().BeTrue();
    }

    [Fact]
    public void TLS_versions_default_to_1_2_and_1_3_and_inline_PEM_is_accepted()
    {
        var tls = WebConfigReader.Parse("tls_server_config:\n  cert: |\n    PEM\n  key: KEY\n", "/").Tls!;

        tls.Protocols.Should().Be(SslProtocols.Tls12 | SslProtocols.Tls13);
        tls.Certificate.Inline.Should().Be("PEM\n");
        tls.Key.Inline.Should().Be("KEY");
        tls.ClientAuth.Should().Be(ClientAuthType.NoClientCert);
    }

    [Theory]
    [InlineData("tls_server_config:\n  cert_fle: a.pem\n", "tls_server_config.cert_fle")]
    [InlineData("basic_auth_user:\n  a: b\n", "basic_auth_user")]
    [InlineData("tls_server_config:\n  key_file: a.key\n", "tls_server_config.cert_file")]
    [InlineData("tls_server_config:\n  cert_file: a.pem\n", "tls_server_config.key_file")]
    [InlineData("tls_server_config:\n  cert_file: a.pem\n  cert: PEM\n  key_file: k\n", "tls_server_config.cert_file")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  min_version: TLS14\n", "tls_server_config.min_version")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  min_version: TLS13\n  max_version: TLS12\n",
        "tls_server_config.min_version")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  client_auth_type: Always\n", "tls_server_config.client_auth_type")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  client_ca_file: ca.pem\n", "tls_server_config.client_ca_file")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  client_auth_type: RequireAndVerifyClientCert\n",
        "tls_server_config.client_ca_file")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  client_auth_type: VerifyClientCertIfGiven\n  client_ca_file: c\n"
        + "  client_allowed_sans: [x]\n", "tls_server_config.client_allowed_sans")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  cipher_suites: [TLS_MADE_UP]\n", "cipher_suites[0]")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  curve_preferences: [P256]\n", "curve_preferences[0]")]
    [InlineData("tls_server_config:\n  cert_file: [a]\n", "tls_server_config.cert_file")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  client_auth_type: '-1'\n", "client_auth_type")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  client_auth_type: '+4'\n", "client_auth_type")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  client_auth_type: RequestClientCert, RequireAnyClientCert\n",
        "client_auth_type")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  cipher_suites: [TLS_RSA_WITH_NULL_SHA256]\n", "cipher_suites[0]")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: k\n  cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]\n", "cipher_suites[0]")]
    [InlineData("tls_server_config:\n  client_allowed_sans: [x]\n", "client_allowed_sans")]
    [InlineData("http_server_config:\n  http2: maybe\n", "http_server_config.http2")]
    [InlineData("http_server_config:\n  headers:\n    Server: x\n", "http_server_config.headers.Server")]
    [InlineData("http_server_config:\n  headers:\n    X-Frame-Options: allow\n", "http_server_config.headers.X-Frame-Options")]
    [InlineData("basic_auth_users:\n  alice: plaintext\n", "basic_auth_users.alice")]
    [InlineData("basic_auth_users:\n  alice: $2y$10$tooshort\n", "basic_auth_users.alice")]
    [InlineData("rate_limit:\n  interval: 1 second\n  burst: 1\n", "rate_limit.interval")]
    [InlineData("rate_limit:\n  interval: 1s\n", "rate_limit.burst")]
    [InlineData("rate_limit:\n  interval: 1s\n  burst: -1\n", "rate_limit.burst")]
    [InlineData("- just\n- a list\n", "mapping")]
    [InlineData("tls_server_config: {cert_file: a\n", "line")]
    public void A_mistake_is_refused_naming_its_key(string yaml, string key)
    {
        var read = () => WebConfigReader.Parse(yaml, "/");

        read.Should().Throw<WebConfigException>().Which.Message.Should().Contain(key);
    }

    [Fact]
    public void A_bad_hash_is_not_quoted_back_since_it_is_as_good_as_a_password_offline()
    {
        const string Hash = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeS";

        var read = () => WebConfigReader.Parse($"basic_auth_users:\n  alice: '{Hash}'\n", "/");

        read.Should().Throw<WebConfigException>().Which.Message.Should().NotContain(Hash);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("100ms", 100)]
    [InlineData("1.5s", 1500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("250us", 0.25)]
    public void Durations_are_read_as_Go_writes_them(string text, double milliseconds)
    {
        GoDuration.TryParse(text, out var duration).Should().BeTrue();
        duration.TotalMilliseconds.Should().Be(milliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("1d")]
    [InlineData("s")]
    [InlineData("1 s")]
    public void Durations_Go_would_refuse_are_refused(string text) => GoDuration.TryParse(text, out _).Should().BeFalse();
}
