using System.Text.Json;

namespace MetaAccessExporter.EndToEndTests.Mixin;

/// <summary>
/// alerts/ and dashboards/ are what the monitoring mixin in mixin/ generates, byte for byte: a
/// change made to the YAML or JSON alone, or to the jsonnet without running mixin/generate.sh,
/// fails here.
/// </summary>
public sealed class MixinTests
{
    private static readonly string Files = RepositoryPaths.PathOf("mixin", "files.jsonnet");

    [RequiresToolsFact("jsonnet")]
    public async Task Committed_alerts_and_dashboards_are_what_the_mixin_generates()
    {
        var generated = await GenerateAsync();
        try
        {
            generated.Files.Should().NotBeEmpty();
            var stale = generated.Files
                .Select(file => Difference(file, Path.Combine(generated.Directory, file), RepositoryPaths.PathOf(file)))
                .OfType<string>()
                .ToList();

            stale.Should().BeEmpty("the committed files must be what mixin/generate.sh writes from mixin/ (run it and commit "
                + "the result):\n" + string.Join("\n", stale));
        }
        finally
        {
            Directory.Delete(generated.Directory, recursive: true);
        }
    }

    [RequiresToolsFact("jsonnet")]
    public async Task Every_shipped_rule_file_and_dashboard_comes_from_the_mixin()
    {
        var generated = await GenerateAsync();
        Directory.Delete(generated.Directory, recursive: true);

        var shipped = RepositoryPaths.RuleFiles.Concat(RepositoryPaths.DashboardFiles)
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path).Replace(Path.DirectorySeparatorChar, '/'));
        shipped.Should().BeSubsetOf(generated.Files, "alerts/ and dashboards/ hold only what mixin/files.jsonnet generates");
    }

    /// <summary>Runs jsonnet as mixin/generate.sh does, into a new temporary folder.</summary>
    private static async Task<(string Directory, IReadOnlyList<string> Files)> GenerateAsync()
    {
        var jsonnet = Tools.Require("jsonnet");

        // `jsonnet -m` writes into folders that exist: learn the paths first.
        var list = await ToolRun.RunAsync(jsonnet, ["-e", $"std.objectFields(import '{Files}')"]);
        list.ExitCode.Should().Be(0, list.ToString());
        var files = JsonSerializer.Deserialize<List<string>>(list.Stdout) ?? [];

        var dir = Directory.CreateTempSubdirectory("metaaccess-mixin-").FullName;
        foreach (var folder in files.Select(f => Path.GetDirectoryName(Path.Combine(dir, f))).OfType<string>().Distinct())
        {
            Directory.CreateDirectory(folder);
        }

        var run = await ToolRun.RunAsync(jsonnet, ["-S", "-m", dir, Files]);
        if (run.ExitCode != 0)
        {
            Directory.Delete(dir, recursive: true);
        }

        run.ExitCode.Should().Be(0, run.ToString());
        return (dir, files);
    }

    /// <summary>Null when the files are equal, else the file and the first line that differs.</summary>
    private static string? Difference(string name, string generatedPath, string committedPath)
    {
        if (!File.Exists(committedPath))
        {
            return $"{name}: generated, but not committed";
        }

        var generated = File.ReadAllBytes(generatedPath);
        var committed = File.ReadAllBytes(committedPath);
        if (generated.AsSpan().SequenceEqual(committed))
        {
            return null;
        }

        var generatedLines = System.Text.Encoding.UTF8.GetString(generated).Split('\n');
        var committedLines = System.Text.Encoding.UTF8.GetString(committed).Split('\n');
        var line = Enumerable.Range(0, Math.Max(generatedLines.Length, committedLines.Length))
            .FirstOrDefault(i => i >= generatedLines.Length || i >= committedLines.Length || generatedLines[i] != committedLines[i], -1);
        if (line < 0)
        {
            return $"{name}: the bytes differ, though every line reads the same (encoding?)";
        }

        return $"{name}: first difference at line {line + 1}\n  committed: {LineOrEnd(committedLines, line)}\n"
            + $"  generated: {LineOrEnd(generatedLines, line)}";
    }

    private static string LineOrEnd(string[] lines, int index) => index < lines.Length ? lines[index] : "<end of file>";
}
