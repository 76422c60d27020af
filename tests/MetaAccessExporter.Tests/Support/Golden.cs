namespace MetaAccessExporter.Tests.Support;

/// <summary>
/// Compares a test's output with a golden file checked in under this project and copied to the
/// output folder. With <c>UPDATE_GOLDEN=1</c> in the environment it writes the files instead (in the
/// source tree, and in the output folder so a run without a build sees them); without it, a missing
/// or different file fails the test and nothing is written.
/// </summary>
internal static class Golden
{
    public const string UpdateVariable = "UPDATE_GOLDEN";

    private const string Project = "tests/MetaAccessExporter.Tests";

    public static bool Updating =>
        Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true" or "TRUE" or "True";

    /// <param name="relativePath">The file's path inside this test project, e.g. <c>Metrics/Golden/metrics.prom</c>.</param>
    public static void Check(string relativePath, string actual)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, relativePath);
        if (Updating)
        {
            foreach (var path in new[] { Path.Combine(SourceRoot(), Project, relativePath), copied })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, actual);
            }
            return;
        }
        if (!File.Exists(copied))
            Assert.Fail($"No golden file {relativePath} in {AppContext.BaseDirectory}. {HowToUpdate}");
        var expected = File.ReadAllText(copied);
        if (expected != actual)
            Assert.Fail($"{relativePath} differs from this run. {FirstDifference(expected, actual)}\n{HowToUpdate}");
    }

    private static string HowToUpdate =>
        $"If the change is intended, regenerate with {UpdateVariable}=1 dotnet test {Project} --filter FullyQualifiedName~Golden "
        + "and review the files' diff before committing them.";

    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        for (int i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var w = i < want.Length ? want[i] : "(end of file)";
            var g = i < got.Length ? got[i] : "(end of output)";
            if (w != g)
                return $"First difference at line {i + 1} (golden {Lines(expected)} lines, output {Lines(actual)}):"
                    + $"\n  golden: {w}\n  output: {g}";
        }
        return "No line differs.";
    }

    private static int Lines(string text) => text.Count(c => c == '\n');

    /// <summary>The repository's root: the first folder above the test assembly that holds the solution.</summary>
    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MetaAccessExporter.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No MetaAccessExporter.sln above {AppContext.BaseDirectory}: cannot write golden files.");
    }
}
