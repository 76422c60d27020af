namespace MetaAccessExporter.TestSupport;

/// <summary>
/// The repository the tests run from: its root, the shipped files the tests read, and the
/// assemblies the build put under src/.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding MetaAccessExporter.sln, found upwards from the test assembly.</summary>
    public static string Root => LazyRoot.Value;

    public static string Alerts => PathOf("alerts");

    public static string AlertTests => PathOf("alerts", "tests");

    public static string Dashboards => PathOf("dashboards");

    public static string AlertmanagerConfig => PathOf("deploy", "alertmanager", "alertmanager.yml");

    public static string Runbooks => PathOf("docs", "runbooks.md");

    /// <summary>Prometheus rule files: every alerts/*.yml and *.yaml (their unit tests live in alerts/tests/).</summary>
    public static IReadOnlyList<string> RuleFiles =>
        Directory.GetFiles(Alerts, "*.yml").Concat(Directory.GetFiles(Alerts, "*.yaml")).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> RuleTestFiles =>
        Directory.GetFiles(AlertTests, "*.test.yml").Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> DashboardFiles =>
        Directory.GetFiles(Dashboards, "*.json").Order(StringComparer.Ordinal).ToList();

    /// <summary>A path under the root, given as its parts ("deploy", "compose", "prometheus.yml").</summary>
    public static string PathOf(params string[] relative) => Path.Combine([Root, .. relative]);

    /// <summary>
    /// The built assembly of src/&lt;project&gt; in the configuration and framework of the running test
    /// assembly (tests/X/bin/Release/net10.0 → src/&lt;project&gt;/bin/Release/net10.0); a project
    /// reference from the test project makes sure it is built.
    /// </summary>
    public static string BuiltAssembly(string project)
    {
        var outputDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = outputDir.Name;
        var configuration = outputDir.Parent?.Name ?? "Debug";
        return PathOf("src", project, "bin", configuration, framework, project + ".dll");
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

        throw new InvalidOperationException(
            $"No MetaAccessExporter.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
