using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Alerts;

/// <summary>The shipped rule files load in Prometheus, and their unit tests pass.</summary>
public sealed class PromtoolTests
{
    public static TheoryData<string> RuleFileNames() => new(RepositoryPaths.RuleFiles.Select(Path.GetFileName).OfType<string>());

    [RequiresToolsTheory("promtool")]
    [MemberData(nameof(RuleFileNames))]
    public async Task Rule_file_passes_promtool_check_rules(string file)
    {
        var promtool = Tools.Require("promtool");

        var run = await ToolRun.RunAsync(promtool, ["check", "rules", Path.Combine(RepositoryPaths.Alerts, file)]);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("SUCCESS", run.ToString());
    }

    [RequiresToolsFact("promtool")]
    public async Task Alert_unit_tests_pass_promtool_test_rules()
    {
        var promtool = Tools.Require("promtool");
        RepositoryPaths.RuleTestFiles.Should().NotBeEmpty("alerts/tests/*.test.yml hold the alerts' unit tests");

        var run = await ToolRun.RunAsync(promtool, ["test", "rules", .. RepositoryPaths.RuleTestFiles], RepositoryPaths.AlertTests);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().NotContain("FAILED", run.ToString());
    }

    [Fact]
    public void Every_rule_file_is_loaded_by_every_unit_test_file()
    {
        var shipped = RepositoryPaths.RuleFiles.Select(Path.GetFileName).ToHashSet();
        foreach (var testFile in RepositoryPaths.RuleTestFiles)
        {
            var yaml = new YamlDotNet.Serialization.DeserializerBuilder()
                .WithNamingConvention(YamlDotNet.Serialization.NamingConventions.UnderscoredNamingConvention.Instance)
                .IgnoreUnmatchedProperties().Build()
                .Deserialize<RuleFiles.RuleTestFile>(File.ReadAllText(testFile));
            yaml.RuleFiles.Select(Path.GetFileName).Should().BeEquivalentTo(shipped,
                $"{Path.GetFileName(testFile)} should test the rules as shipped, recording rules included");
        }
    }
}
