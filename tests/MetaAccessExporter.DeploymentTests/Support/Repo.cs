namespace MetaAccessExporter.DeploymentTests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string PathOf(params string[] relative) => Path.Combine([Root, .. relative]);

    public static string ReadAllText(params string[] relative) => File.ReadAllText(PathOf(relative));

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
