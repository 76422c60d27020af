using System.Text.RegularExpressions;
using MetaAccessExporter.Hosting;
using MetaAccessExporter.TestSupport;

namespace MetaAccessExporter.Tests.Hosting;

/// <summary>
/// The folders follow the device's path (docs/architecture.md): each may use only the folders before
/// it, and only Hosting composes. Read from the source, so a doc comment's reference counts too.
/// </summary>
public class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["StateFiles"] = [],
        ["Budget"] = ["StateFiles"],
        ["Model"] = ["StateFiles"],
        ["Api"] = ["Budget"],
        ["Sync"] = ["Api", "Budget", "Model"],
        ["Inventory"] = ["Api", "Budget", "Model"],
        ["Account"] = ["Api", "Budget", "Model"],
        ["Enrichment"] = ["Api", "Budget", "Model"],
        ["WebConfig"] = [],
        ["Metrics"] = ["Api", "Budget", "Model", "Sync", "Inventory", "Account", "Enrichment", "WebConfig"],
        ["Hosting"] = ["Api", "Budget", "Model", "Sync", "Inventory", "Account", "Enrichment", "Metrics", "StateFiles", "WebConfig"],
    };

    private static string Source => Path.Combine(RepositoryPaths.Root, "src", "MetaAccessExporter");

    [Fact]
    public void Every_folder_of_the_exporter_has_a_place_on_the_devices_path()
    {
        Directory.GetDirectories(Source).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj" or "Properties"))
            .Should().BeEquivalentTo(MayUse.Keys);
    }

    [Fact]
    public void Dependencies_run_one_way_along_the_devices_path()
    {
        var wrongWay = new List<string>();
        foreach (var (folder, allowed) in MayUse)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                foreach (var used in MayUse.Keys.Where(other => other != folder && !allowed.Contains(other) && Uses(text, other)))
                    wrongWay.Add($"{Path.GetRelativePath(Source, file)} uses {used}");
            }
        }
        wrongWay.Should().BeEmpty("each folder uses only the folders before it on the device's path");
    }

    [Fact]
    public void The_dependency_check_sees_a_using_a_qualified_name_and_a_relative_name()
    {
        Uses("using MetaAccessExporter.Sync;", "Sync").Should().BeTrue();
        Uses("var x = new MetaAccessExporter.Api.ApiCallStats();", "Api").Should().BeTrue();
        Uses("Budget.BudgetConsumer consumer", "Budget").Should().BeTrue();
        Uses("BudgetConsumer.Inventory", "Inventory").Should().BeFalse("a member named Inventory is not the folder");
        Uses("x = Inventory.InventoryHealth", "Inventory").Should().BeTrue();
        Uses("System.Diagnostics.Metrics.Meter", "Metrics").Should().BeFalse();
    }

    [Fact]
    public void Each_module_registers_only_itself_in_the_order_the_host_starts_them()
    {
        foreach (var module in ExporterModules.All)
        {
            var registration = Directory.GetFiles(Source, "*ServiceCollectionExtensions.cs", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == module.Name);
            foreach (var file in registration)
                Uses(File.ReadAllText(file), "Hosting").Should().BeFalse($"{module.Name} registers only itself");
        }
        ExporterModules.All.Select(m => m.Name).Should().Equal(
            ["Api", "Budget", "Model", "Sync", "Inventory", "Account", "Enrichment", "Metrics", "WebConfig"],
            "modules start in table order: the saved model is restored before the poller and enrichment read it");
    }

    [Fact]
    public void Source_lines_stay_within_140_columns()
    {
        string[] trees = ["src", "tests", "benchmarks"];
        var files = trees.SelectMany(t => Directory.GetFiles(Path.Combine(RepositoryPaths.Root, t), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var longLines = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, Line: i + 1, line.Length)))
            .Where(l => l.Length > 140)
            .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, l.f)}:{l.Line} ({l.Length})");
        longLines.Should().BeEmpty("lines stay readable side by side in a review (.editorconfig's max_line_length)");
    }

    private static bool Uses(string text, string folder) =>
        Regex.IsMatch(text, $@"\bMetaAccessExporter\.{folder}\b|(?<![\w.]){folder}\.[A-Z]");
}
