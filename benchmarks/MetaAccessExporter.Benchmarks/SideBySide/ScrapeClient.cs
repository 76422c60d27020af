using System.Net;
using System.Net.Http.Headers;

namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>
/// The scraper: one kept-alive loopback connection, no automatic decompression (a gzip answer is counted as sent,
/// as Prometheus receives it), no Accept header (so every contender answers the Prometheus text format).
/// </summary>
internal sealed class ScrapeClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromMinutes(5),
    };

    /// <summary>One scrape, the answer read to the end and dropped. Returns the bytes received.</summary>
    public async Task<long> ScrapeAsync(string path, AcceptEncoding encoding)
    {
        using var response = await SendAsync(path, encoding);
        var counter = new CountingStream();
        await response.Content.CopyToAsync(counter);
        return counter.Length;
    }

    /// <summary>One scrape, the answer kept, for the checks at setup.</summary>
    public async Task<Answer> FetchAsync(string path, AcceptEncoding encoding)
    {
        using var response = await SendAsync(path, encoding);
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = response.Content.Headers;
        return new Answer(body, string.Join(",", headers.ContentEncoding), headers.ContentType?.ToString());
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string path, AcceptEncoding encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding == AcceptEncoding.Gzip)
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            response.Dispose();
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }
        return response;
    }
}

/// <summary>An answer as received: its bytes, its Content-Encoding ("" when none) and Content-Type.</summary>
internal sealed record Answer(byte[] Body, string ContentEncoding, string? ContentType);
