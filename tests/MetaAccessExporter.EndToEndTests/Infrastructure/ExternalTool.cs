namespace MetaAccessExporter.EndToEndTests.Infrastructure;

/// <summary>
/// The outside binaries these tests drive (Debian's prometheus, promtool, prometheus-alertmanager, amtool),
/// found on PATH. Missing tools skip a test on a developer machine and fail it in CI.
/// </summary>
internal static class ExternalTool
{
    /// <summary>Names to try for each tool: Debian renames alertmanager.</summary>
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        ["prometheus"] = ["prometheus"],
        ["promtool"] = ["promtool"],
        ["alertmanager"] = ["prometheus-alertmanager", "alertmanager"],
        ["amtool"] = ["amtool"],
    };

    /// <summary>The Debian package that provides each tool.</summary>
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["prometheus"] = "prometheus",
        ["promtool"] = "prometheus",
        ["alertmanager"] = "prometheus-alertmanager",
        ["amtool"] = "prometheus-alertmanager",
    };

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static string? Find(string tool)
    {
        var names = Aliases.TryGetValue(tool, out var aliases) ? aliases : [tool];
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
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

    public static string MissingMessage(string tool) =>
        $"{tool} not found on PATH; install {(Packages.TryGetValue(tool, out var package) ? package : tool)} (apt-get install -y prometheus prometheus-alertmanager)";

    /// <summary>The tool's path, or a failed test naming the package to install.</summary>
    public static string Require(string tool)
    {
        var path = Find(tool);
        if (path is null)
        {
            Assert.Fail(MissingMessage(tool));
        }

        return path!;
    }
}
