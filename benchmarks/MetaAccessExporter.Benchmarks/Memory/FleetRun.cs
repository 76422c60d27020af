using System.Diagnostics;
using System.Globalization;
using System.Text;
using MetaAccessExporter.Benchmarks.SideBySide;

namespace MetaAccessExporter.Benchmarks.Memory;

/// <summary>
/// One measurement as a user would see it: the simulator with <see cref="Devices"/> devices and the built exporter,
/// each its own process, the exporter under the given GC; wait until its model holds the whole fleet, scrape
/// <c>/metrics/devices</c> as Prometheus would, and read the exporter's resident memory from /proc.
/// </summary>
internal sealed class FleetRun(int devices, bool serverGc)
{
    // The exporter's default budget is 10 calls a minute; 2,000 pages would take hours. Both sides allow this many.
    private const int RequestsPerMinute = 60_000;
    private const string ClientId = "benchmark-client", ClientSecret = "benchmark-secret";
    private static readonly TimeSpan FillDeadline = TimeSpan.FromMinutes(10);
    private const int Scrapes = 10;

    public int Devices => devices;

    public async Task<FleetMemory> MeasureAsync(CancellationToken cancel)
    {
        int simulatorPort = BuiltAssemblies.FreePort(), exporterPort = BuiltAssemblies.FreePort();
        using var simulator = new ChildProcess("simulator", BuiltAssemblies.Simulator,
            [
                $"--urls=http://127.0.0.1:{simulatorPort}",
                $"--Simulator:DeviceCount={devices}",
                $"--Simulator:RequestsPerMinute={RequestsPerMinute}",
                // No churn: the fleet stays at exactly N devices while we wait for the model to hold them all.
                "--Simulator:MeanTimeBetweenChanges=00:00:00",
                $"--Simulator:ClientId={ClientId}",
                $"--Simulator:ClientSecret={ClientSecret}",
            ], new Dictionary<string, string>());
        using var exporter = new ChildProcess("exporter", BuiltAssemblies.Exporter,
            [
                $"--urls=http://127.0.0.1:{exporterPort}",
                $"--MetaAccess:BaseUrl=http://127.0.0.1:{simulatorPort}/",
                $"--MetaAccess:ClientId={ClientId}",
                $"--MetaAccess:ClientSecret={ClientSecret}",
                $"--MetaAccess:RequestsPerMinute={RequestsPerMinute}",
                "--Enrichment:Enabled=false",
                "--Exporter:StatePath=",
            ], new Dictionary<string, string> { ["DOTNET_gcServer"] = serverGc ? "1" : "0" });
        using var client = new ScrapeClient(new Uri($"http://127.0.0.1:{exporterPort}"));
        try
        {
            var fill = await WaitForFleetAsync(client, [simulator, exporter], cancel);
            return await ScrapeAsync(client, exporter.Id, fill);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{e.Message}\n{simulator.Describe()}\n{exporter.Describe()}", e);
        }
    }

    /// <summary>Polls until /readyz is 200, a first inventory pass completed and the model counts every device.</summary>
    private async Task<TimeSpan> WaitForFleetAsync(ScrapeClient client, ChildProcess[] processes, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        string state = "not started";
        while (watch.Elapsed < FillDeadline)
        {
            cancel.ThrowIfCancellationRequested();
            if (processes.FirstOrDefault(p => p.HasExited) is { } gone)
                throw new InvalidOperationException($"the {gone.Name} exited while the model was filling");
            try
            {
                var metrics = Encoding.UTF8.GetString((await client.FetchAsync(ScrapePaths.Metrics, AcceptEncoding.Identity)).Body);
                double held = Sum(metrics, "metaaccess_devices"), passes = Sum(metrics, "metaaccess_inventory_passes_total");
                state = $"{held:N0} of {devices:N0} devices, {passes} inventory passes";
                if (held == devices && passes >= 1)
                {
                    await client.FetchAsync("/readyz", AcceptEncoding.Identity);
                    // The series are rendered a moment after the model changes; a scrape meanwhile gets the previous answer.
                    if (DeviceInfoLines((await client.FetchAsync(ScrapePaths.Devices, AcceptEncoding.Identity)).Body) == devices)
                        return watch.Elapsed;
                    state = $"{held:N0} devices in the model, fewer in /metrics/devices";
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                state = e.Message;
            }
            await Task.Delay(250, cancel);
        }
        throw new TimeoutException($"the exporter's model did not fill within {FillDeadline}: {state}");
    }

    /// <summary>
    /// 10 plain and 10 gzip scrapes one after the other, then a plain and a gzip one at once, three times, with the
    /// resident set sampled throughout; then one more scrape, after which the last reading is taken. Nothing is forced
    /// from outside: no GC.Collect.
    /// </summary>
    private static async Task<FleetMemory> ScrapeAsync(ScrapeClient client, int pid, TimeSpan fill)
    {
        long idle = ProcStatus.Rss(pid);
        using var sampling = new CancellationTokenSource();
        var sampler = SamplePeakAsync(pid, sampling.Token);
        long plain = 0, gzip = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Scrapes; i++)
            plain = await client.ScrapeAsync(ScrapePaths.Devices, AcceptEncoding.Identity);
        var plainTime = watch.Elapsed / Scrapes;
        watch.Restart();
        for (int i = 0; i < Scrapes; i++)
            gzip = await client.ScrapeAsync(ScrapePaths.Devices, AcceptEncoding.Gzip);
        var gzipTime = watch.Elapsed / Scrapes;
        for (int i = 0; i < 3; i++)
        {
            await Task.WhenAll(client.ScrapeAsync(ScrapePaths.Devices, AcceptEncoding.Identity),
                client.ScrapeAsync(ScrapePaths.Devices, AcceptEncoding.Gzip));
        }
        long afterScrapes = ProcStatus.Rss(pid);
        await client.ScrapeAsync(ScrapePaths.Devices, AcceptEncoding.Identity);
        long last = ProcStatus.Rss(pid);
        await sampling.CancelAsync();
        long peak = Math.Max(await sampler, Math.Max(afterScrapes, last));
        return new FleetMemory(fill, idle, peak, afterScrapes, last, ProcStatus.PeakRss(pid), ProcStatus.ServerGcThreads(pid),
            plain, gzip, plainTime, gzipTime);
    }

    private static async Task<long> SamplePeakAsync(int pid, CancellationToken stop)
    {
        long peak = 0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, ProcStatus.Rss(pid));
            await Task.Delay(10, CancellationToken.None);
        }
        return peak;
    }

    private static int DeviceInfoLines(byte[] answer)
    {
        ReadOnlySpan<byte> line = "\nmetaaccess_device_info{"u8;
        int count = 0;
        for (var rest = answer.AsSpan(); rest.IndexOf(line) is var at and >= 0; rest = rest[(at + line.Length)..])
            count++;
        return count;
    }

    /// <summary>The sum of a family's samples in a Prometheus text answer (0 when absent).</summary>
    private static double Sum(string exposition, string family)
    {
        double sum = 0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(family, StringComparison.Ordinal) && line.Length > family.Length && line[family.Length] is '{' or ' ')
                sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return sum;
    }
}

/// <summary>What one <see cref="FleetRun"/> measured; memory in bytes.</summary>
/// <param name="Idle">Resident once the model holds the fleet, before any scrape.</param>
/// <param name="Peak">The most resident while scraping (sampled every 10 ms).</param>
/// <param name="AfterScrapes">Resident after the scrapes.</param>
/// <param name="Last">Resident after one more scrape.</param>
/// <param name="Hwm">VmHWM: the most resident over the process's life, filling included.</param>
internal sealed record FleetMemory(
    TimeSpan Fill, long Idle, long Peak, long AfterScrapes, long Last, long Hwm, int ServerGcThreads,
    long PlainBytes, long GzipBytes, TimeSpan PlainScrape, TimeSpan GzipScrape);
