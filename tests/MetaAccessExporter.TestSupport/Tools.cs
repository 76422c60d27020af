namespace MetaAccessExporter.TestSupport;

/// <summary>
/// Outside programs the tests drive (Debian's prometheus, promtool, prometheus-alertmanager,
/// amtool and jsonnet; kubectl), found on PATH. One policy when one is missing: the test says which it needs
/// with <see cref="RequiresToolsFactAttribute"/> or <see cref="RequiresToolsTheoryAttribute"/> and
/// gets the path from <see cref="Require"/>. Without the <c>CI</c> environment variable the test is
/// skipped, with what to install as the reason; under CI it runs and fails naming the package. No
/// test passes having checked nothing.
/// </summary>
public static class Tools
{
    /// <summary>Names to try for a tool: Debian installs alertmanager as prometheus-alertmanager.</summary>
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        ["alertmanager"] = ["prometheus-alertmanager", "alertmanager"],
    };

    /// <summary>The Debian package that provides a tool, where it is not the tool's own name.</summary>
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["promtool"] = "prometheus",
        ["alertmanager"] = "prometheus-alertmanager",
        ["amtool"] = "prometheus-alertmanager",
    };

    /// <summary>True under CI (the <c>CI</c> variable set), where a missing tool fails a test instead of skipping it.</summary>
    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The dotnet host running the tests, to start built assemblies with.</summary>
    public static string Dotnet
    {
        get
        {
            var current = Environment.ProcessPath;
            if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            {
                return current;
            }

            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        }
    }

    /// <summary>The tool's full path (trying its Debian name too), or null when it is not installed.</summary>
    public static string? Find(string tool)
    {
        var names = Aliases.TryGetValue(tool, out var aliases) ? aliases : [tool];
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            foreach (var dir in dirs)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The tool's full path, or a failed test naming the package to install.</summary>
    public static string Require(string tool) =>
        Find(tool) ?? throw new Xunit.Sdk.XunitException(
            MissingMessage(tool) + (InCi ? "; CI is set, so a missing tool fails the test instead of skipping it" : string.Empty));

    /// <summary>The Debian package that provides the tool.</summary>
    public static string PackageOf(string tool) => Packages.TryGetValue(tool, out var package) ? package : tool;

    /// <summary>What to install for a missing tool.</summary>
    public static string MissingMessage(string tool) =>
        PackageOf(tool) is "prometheus" or "prometheus-alertmanager" or "jsonnet"
            ? $"{tool} is not on PATH: install the Debian package {PackageOf(tool)} (./test.sh does, when run as root)"
            : $"{tool} is not on PATH: install {PackageOf(tool)}";

    /// <summary>
    /// Why a test needing these tools is skipped, or null when it runs: every tool is there, or CI
    /// is set and the test runs to fail on the missing one.
    /// </summary>
    public static string? SkipReason(IEnumerable<string> tools)
    {
        var missing = tools.Where(t => Find(t) is null).ToList();
        if (missing.Count == 0 || InCi)
        {
            return null;
        }

        return string.Join("; ", missing.Select(MissingMessage)) + ". Under CI this test fails instead.";
    }
}
