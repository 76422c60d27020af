namespace MetaAccessExporter.DeploymentTests.Support;

/// <summary>
/// Outside tools some tests need. A tool that is missing makes the test pass vacuously on a
/// developer's machine (with a note in the test output), but FAIL under CI (the CI variable set),
/// where .ci/run installs it: a green CI must mean the check really ran.
/// </summary>
internal static class Tools
{
    public static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The tool's full path, or null when it is absent and the test may be passed over.</summary>
    public static string? Find(string name, ITestOutputHelper output, bool requiredInCi = true)
    {
        var path = Which(name);
        if (path is not null)
        {
            return path;
        }

        if (requiredInCi && IsCi)
        {
            throw new InvalidOperationException(
                $"{name} is not on PATH, and CI must run this check: install it in .ci/run (Debian package: {PackageOf(name)}).");
        }

        output.WriteLine($"NOT CHECKED: {name} is not on PATH (install {PackageOf(name)}); CI fails instead of passing over.");
        return null;
    }

    public static string? Which(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        foreach (var dir in dirs.Append("/usr/bin").Append("/usr/local/bin"))
        {
            if (string.IsNullOrEmpty(dir))
            {
                continue;
            }

            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string PackageOf(string name) => name switch
    {
        "promtool" => "prometheus",
        "amtool" => "prometheus-alertmanager",
        "kubectl" => "kubectl",
        _ => name,
    };
}
