using System.Net;
using System.Net.Http.Headers;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.WebConfig;

/// <summary><c>rate_limit</c> in the real host: requests past the burst get 429, and the liveness check is never held back.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("metaaccess-webconfig-").FullName;

    [Fact]
    public async Task Requests_past_the_burst_are_refused_with_429_but_healthz_always_answers()
    {
        var file = Path.Combine(_dir, "web.yml");
        await File.WriteAllTextAsync(file, $"""
            rate_limit:
              interval: 1h
              burst: 3
            basic_auth_users:
              alice: {BCrypt.Net.BCrypt.HashPassword("pw", 4)}
            """);
        var settings = ExporterFactory.Settings("http://127.0.0.1:9");
        settings["Web:ConfigFile"] = file;
        await using var exporter = new ExporterFactory(settings);
        using var http = exporter.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("alice:pw"u8));

        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
            codes.Add((await http.GetAsync("/metrics")).StatusCode);

        codes.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
        (await http.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
