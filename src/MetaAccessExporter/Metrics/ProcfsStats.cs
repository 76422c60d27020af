using System.Globalization;
using System.IO.Enumeration;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// <c>process_resident_memory_bytes</c>, <c>process_open_fds</c> and <c>process_max_fds</c>, read from <c>/proc</c>
/// like the Go client's process collector, with its HELP texts: every Go exporter has them, so dashboards
/// and alerts written for those (memory, descriptors running out) work for this one unchanged. prometheus-net's
/// <c>DotNetStats</c> names resident memory <c>process_working_set_bytes</c> and has no descriptor limit.
/// Registered only where the files can be read (Linux).
/// </summary>
internal sealed class ProcfsStats
{
    private const string Self = "/proc/self";

    // The descriptors are counted, not named: no path string is made for each.
    private static readonly EnumerationOptions AnyEntry = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    private readonly Prometheus.Gauge _resident;
    private readonly Prometheus.Gauge _openFds;
    private readonly Prometheus.Gauge _maxFds;

    private ProcfsStats(Prometheus.MetricFactory metrics)
    {
        _resident = metrics.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        _openFds = metrics.CreateGauge("process_open_fds", "Number of open file descriptors.");
        _maxFds = metrics.CreateGauge("process_max_fds", "Maximum number of open file descriptors.");
    }

    public static void Register(Prometheus.CollectorRegistry registry)
    {
        if (!Readable())
            return;
        var stats = new ProcfsStats(Prometheus.Metrics.WithCustomRegistry(registry));
        registry.AddBeforeCollectCallback(stats.Update);
    }

    private void Update()
    {
        _resident.Set(ResidentBytes());
        _openFds.Set(OpenDescriptors());
        if (MaxDescriptors() is { } max)
            _maxFds.Set(max);
    }

    private static bool Readable()
    {
        try
        {
            return ResidentBytes() > 0 && OpenDescriptors() > 0 && MaxDescriptors() is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary><c>statm</c>'s second field: resident pages.</summary>
    private static long ResidentBytes()
    {
        var fields = File.ReadAllText($"{Self}/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    /// <summary>
    /// The entries of <c>fdinfo</c>, one per descriptor as in <c>fd</c>: those of <c>fd</c> are links, which .NET's
    /// enumeration follows to see whether each is a directory, ten times the cost of reading the names.
    /// </summary>
    private static int OpenDescriptors()
    {
        int count = 0;
        foreach (var _ in new FileSystemEnumerable<bool>($"{Self}/fdinfo", (ref FileSystemEntry _) => true, AnyEntry))
            count++;
        return count;
    }

    /// <summary>The soft limit on open files, as <c>ulimit -n</c> shows it; <c>unlimited</c> is +Inf.</summary>
    internal static double? MaxDescriptors(string limits)
    {
        foreach (var line in limits.Split('\n'))
        {
            if (!line.StartsWith("Max open files ", StringComparison.Ordinal))
                continue;
            var soft = line["Max open files ".Length..].TrimStart().Split(' ')[0];
            if (soft == "unlimited")
                return double.PositiveInfinity;
            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : null;
        }
        return null;
    }

    private static double? MaxDescriptors() => MaxDescriptors(File.ReadAllText($"{Self}/limits"));
}
