using System.Runtime.InteropServices;
using MetaAccessExporter.Metrics;

namespace MetaAccessExporter.Hosting;

/// <summary><c>--version</c>, laid out as Prometheus exporters print theirs: name, version, revision, runtime, platform.</summary>
public static class VersionText
{
    public const string Name = "metaaccess_exporter";

    public static string Render() =>
        $"{Name}, version {BuildInfo.Current.Version} (revision: {BuildInfo.Current.Revision})\n"
        + $"  runtime: .NET {Environment.Version}\n"
        + $"  platform: {OperatingSystem()}/{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}\n";

    private static string OperatingSystem() =>
        System.OperatingSystem.IsLinux() ? "linux" : System.OperatingSystem.IsWindows() ? "windows"
        : System.OperatingSystem.IsMacOS() ? "darwin" : RuntimeInformation.OSDescription;
}
