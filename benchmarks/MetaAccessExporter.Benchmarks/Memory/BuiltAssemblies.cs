using System.Net;
using System.Net.Sockets;

namespace MetaAccessExporter.Benchmarks.Memory;

/// <summary>
/// The simulator's and the exporter's own build outputs (with their runtimeconfig.json), which building the benchmarks
/// builds too: src/&lt;project&gt;/bin/&lt;configuration&gt;/&lt;framework&gt;/&lt;project&gt;.dll, the configuration and
/// framework being the benchmarks' own.
/// </summary>
internal static class BuiltAssemblies
{
    public static string Exporter => Of("MetaAccessExporter");

    public static string Simulator => Of("MetaAccess.Simulator");

    /// <summary>A loopback port nothing listens on right now (the OS picks it), as the tests find theirs.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Of(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MetaAccessExporter.sln")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException($"No MetaAccessExporter.sln above {output}: run the benchmarks from the repository.");
        var path = Path.Combine(root.FullName, "src", project, "bin", output.Parent!.Name, output.Name, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built", path);
    }
}
