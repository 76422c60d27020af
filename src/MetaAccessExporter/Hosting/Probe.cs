namespace MetaAccessExporter.Hosting;

/// <summary><c>--probe</c>: the container health check, since small runtime images have no curl.</summary>
public static class Probe
{
    public static async Task<int> RunAsync(string url)
    {
        // With TLS on (--web.config.file) the probe asks https://127.0.0.1:…/healthz. It checks that the process
        // answers, not who it is, and sends nothing secret, so the certificate (issued for a real name) is not checked.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(url)).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
                return 0;
            await Console.Error.WriteLineAsync($"{url} answered {(int)response.StatusCode}").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"{url}: {ex.Message}").ConfigureAwait(false);
        }
        return 1;
    }
}
