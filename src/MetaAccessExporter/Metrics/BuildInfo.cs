using System.Reflection;

namespace MetaAccessExporter.Metrics;

/// <summary>Version and source revision of this build, for <c>metaaccess_exporter_build_info</c>.</summary>
public sealed record BuildInfo(string Version, string Revision)
{
    public static BuildInfo Current { get; } = FromAssembly(typeof(BuildInfo).Assembly);

    private static BuildInfo FromAssembly(Assembly assembly)
    {
        // The SDK writes "version+revision" when the build knows its source revision.
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new BuildInfo(informational, "unknown")
            : new BuildInfo(informational[..plus], informational[(plus + 1)..]);
    }
}
