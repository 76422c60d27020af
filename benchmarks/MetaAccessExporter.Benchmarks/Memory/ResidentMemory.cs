using System.Globalization;

namespace MetaAccessExporter.Benchmarks.Memory;

/// <summary>
/// <c>-- memory [devices...]</c>: the exporter's resident memory per device, as a user would measure it, under
/// workstation and server GC. Each fleet size is a fresh simulator and exporter (<see cref="FleetRun"/>); the cost
/// of a device is the growth in resident memory between the smallest and the largest fleet, over their difference.
/// </summary>
internal static class ResidentMemory
{
    private static readonly int[] DefaultFleets = [1_000, 100_000];

    public static async Task<int> RunAsync(string[] args)
    {
        var fleets = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : DefaultFleets;
        using var cancel = new CancellationTokenSource();
        // Ctrl-C ends the wait, so the child processes are killed on the way out rather than left running.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var results = new List<(bool ServerGc, int Devices, FleetMemory Memory)>();
        foreach (bool serverGc in new[] { false, true })
        {
            foreach (int devices in fleets)
            {
                Console.WriteLine($"// {Gc(serverGc)} GC, {devices:N0} devices ...");
                var memory = await new FleetRun(devices, serverGc).MeasureAsync(cancel.Token);
                Console.WriteLine(
                    $"//   model filled in {memory.Fill.TotalSeconds:0.0} s; {MiB(memory.Idle)} MiB idle, {MiB(memory.Last)} MiB last");
                results.Add((serverGc, devices, memory));
            }
        }
        Print(results, fleets.Min(), fleets.Max());
        return 0;
    }

    private static void Print(List<(bool ServerGc, int Devices, FleetMemory Memory)> results, int smallest, int largest)
    {
        Console.WriteLine();
        Console.WriteLine("| GC | devices | server GC threads | fill | idle MiB | peak MiB (scrapes) | after scrapes MiB | last MiB "
            + "| VmHWM MiB | answer plain / gzip | scrape plain / gzip |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (serverGc, devices, m) in results)
        {
            Console.WriteLine($"| {Gc(serverGc)} | {devices:N0} | {m.ServerGcThreads} | {m.Fill.TotalSeconds:0.0} s | {MiB(m.Idle)} "
                + $"| {MiB(m.Peak)} | {MiB(m.AfterScrapes)} | {MiB(m.Last)} | {MiB(m.Hwm)} | {MiB(m.PlainBytes)} / {MiB(m.GzipBytes)} MiB "
                + $"| {m.PlainScrape.TotalMilliseconds:N0} / {m.GzipScrape.TotalMilliseconds:N0} ms |");
        }
        Console.WriteLine();
        Console.WriteLine($"Bytes per device: (RSS at {largest:N0} − RSS at {smallest:N0}) / {largest - smallest:N0}");
        Console.WriteLine("| GC | idle | peak (scrapes) | after scrapes | last |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (bool serverGc in new[] { false, true })
        {
            var small = results.Single(r => r.ServerGc == serverGc && r.Devices == smallest).Memory;
            var large = results.Single(r => r.ServerGc == serverGc && r.Devices == largest).Memory;
            string PerDevice(Func<FleetMemory, long> rss) => $"{(rss(large) - rss(small)) / (double)(largest - smallest):N0}";
            Console.WriteLine($"| {Gc(serverGc)} | {PerDevice(m => m.Idle)} | {PerDevice(m => m.Peak)} | {PerDevice(m => m.AfterScrapes)} "
                + $"| {PerDevice(m => m.Last)} |");
        }
    }

    private static string Gc(bool serverGc) => serverGc ? "server" : "workstation";

    private static string MiB(long bytes) => (bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.InvariantCulture);
}
