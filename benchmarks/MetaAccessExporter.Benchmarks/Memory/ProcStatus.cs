using System.Globalization;

namespace MetaAccessExporter.Benchmarks.Memory;

/// <summary>What Linux says about a process: resident memory now (VmRSS) and at its peak (VmHWM), and its GC threads.</summary>
internal static class ProcStatus
{
    /// <summary>Resident bytes now.</summary>
    public static long Rss(int pid) => Kilobytes(pid, "VmRSS:") * 1024;

    /// <summary>The most resident bytes the process ever had.</summary>
    public static long PeakRss(int pid) => Kilobytes(pid, "VmHWM:") * 1024;

    /// <summary>
    /// Threads the runtime names ".NET Server GC": one per heap under server GC, none under workstation GC. Tells
    /// whether DOTNET_gcServer won over the exporter's runtimeconfig.json (which asks for server GC).
    /// </summary>
    public static int ServerGcThreads(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task")
            .Count(task => ReadOrEmpty(Path.Combine(task, "comm")).StartsWith(".NET Server GC", StringComparison.Ordinal));

    private static long Kilobytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }

    // A thread may end between listing and reading.
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
