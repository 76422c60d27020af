namespace MetaAccessExporter.EndToEndTests.Infrastructure;

/// <summary>Where the shipped files and the built exporter and simulator are, seen from this test assembly.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string Alerts => Path.Combine(Root, "alerts");

    public static string AlertTests => Path.Combine(Root, "alerts", "tests");

    public static string Dashboards => Path.Combine(Root, "dashboards");

    public static string AlertmanagerConfig => Path.Combine(Root, "deploy", "alertmanager", "alertmanager.yml");

    public static string Runbooks => Path.Combine(Root, "docs", "runbooks.md");

    /// <summary>Prometheus rule files: every alerts/*.yml (the unit tests live in alerts/tests/).</summary>
    public static IReadOnlyList<string> RuleFiles =>
        Directory.GetFiles(Alerts, "*.yml").Concat(Directory.GetFiles(Alerts, "*.yaml")).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> RuleTestFiles => Directory.GetFiles(AlertTests, "*.test.yml").Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> DashboardFiles => Directory.GetFiles(Dashboards, "*.json").Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// tests/MetaAccessExporter.EndToEndTests/bin/&lt;Configuration&gt;/net10.0 → the same configuration under
    /// src/&lt;project&gt;/bin; the project references make sure both are built.
    /// </summary>
    public static string BuiltAssembly(string project)
    {
        var outputDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = outputDir.Name;
        var configuration = outputDir.Parent?.Name ?? "Debug";
        return Path.Combine(Root, "src", project, "bin", configuration, framework, project + ".dll");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MetaAccessExporter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MetaAccessExporter.sln above {AppContext.BaseDirectory}.");
    }
}
