using MetaAccessExporter.DeploymentTests.Support;

namespace MetaAccessExporter.DeploymentTests;

/// <summary>deploy/kubernetes/prometheusrule.yaml is what scripts/generate-prometheusrule.sh makes of alerts/.</summary>
public sealed class PrometheusRuleTests(ITestOutputHelper output)
{
    private static readonly string Committed = RepositoryPaths.PathOf("deploy", "kubernetes", "prometheusrule.yaml");
    private static readonly string Generator = RepositoryPaths.PathOf("scripts", "generate-prometheusrule.sh");

    [Fact]
    public async Task Committed_prometheusrule_matches_the_generator_output()
    {
        var generated = (await Generate(RepositoryPaths.Alerts)).Split('\n');
        var committed = File.ReadAllText(Committed).Split('\n');
        var first = Enumerable.Range(0, Math.Max(generated.Length, committed.Length))
            .FirstOrDefault(i => i >= generated.Length || i >= committed.Length || generated[i] != committed[i], -1);
        first.Should().Be(-1,
            "deploy/kubernetes/prometheusrule.yaml is out of date with alerts/ (run scripts/generate-prometheusrule.sh); "
            + "first difference at line {0}:\n  committed: {1}\n  generated: {2}",
            first + 1, LineOrEnd(committed, first), LineOrEnd(generated, first));
    }

    [Fact]
    public void PrometheusRule_holds_every_group_of_every_shipped_rule_file_once()
    {
        var rule = Yaml.LoadSingle(Committed);
        rule.Str("apiVersion").Should().Be("monitoring.coreos.com/v1");
        rule.Str("kind").Should().Be("PrometheusRule");
        var groups = rule.At("spec", "groups").Items().Select(g => g.Str("name")).ToList();

        var expected = RuleFiles(RepositoryPaths.Alerts)
            .SelectMany(f => Yaml.LoadSingle(f).Get("groups").Items().Select(g => g.Str("name")))
            .ToList();
        groups.Should().Equal(expected);
        groups.Should().OnlyHaveUniqueItems("Prometheus rejects a rule file whose group names repeat");
    }

    [Fact]
    public async Task Generator_merges_files_of_any_indentation_into_one_valid_list()
    {
        var dir = Directory.CreateTempSubdirectory("metaaccess-alerts-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.yml"), """
                # file comment
                ---
                groups:
                - name: flush
                  rules:
                  - alert: A
                    expr: |
                      up == 0
                        and on() vector(1)
                    for: 5m

                    annotations:
                      summary: "a: {{ $labels.instance }}"
                """);
            File.WriteAllText(Path.Combine(dir, "b.yaml"),
                "groups:\n    - name: deep\n      rules:\n        - record: r:up:sum\n          expr: sum(up)\n\n\n");
            File.WriteAllText(Path.Combine(dir, "c.yml"), "groups:\n  - name: usual\n    rules: []\n");
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a rule file");
            Directory.CreateDirectory(Path.Combine(dir, "tests"));
            File.WriteAllText(Path.Combine(dir, "tests", "a.test.yml"), "rule_files: [../a.yml]\ntests: []\n");

            var generated = await Generate(dir);
            output.WriteLine(generated);
            var path = Path.Combine(dir, "out.yaml");
            File.WriteAllText(path, generated);
            var rule = Yaml.LoadSingle(path);
            var groups = rule.At("spec", "groups").Items().ToList();
            groups.Select(g => g.Str("name")).Should().Equal("flush", "deep", "usual");
            groups[0].Get("rules").Items().Single().Str("expr").Should().Be("up == 0\n  and on() vector(1)\n");
            groups[0].Get("rules").Items().Single().Str("annotations", "summary").Should().Be("a: {{ $labels.instance }}");
            groups[1].Get("rules").Items().Single().Str("record").Should().Be("r:up:sum");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Generator_makes_an_empty_rule_from_no_rule_files()
    {
        var dir = Directory.CreateTempSubdirectory("metaaccess-alerts-").FullName;
        try
        {
            var path = Path.Combine(dir, "out.yaml");
            File.WriteAllText(path, await Generate(Path.Combine(dir, "missing")));
            Yaml.LoadSingle(path).At("spec", "groups").Items().Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Generator_refuses_a_file_that_is_not_a_rule_file()
    {
        var dir = Directory.CreateTempSubdirectory("metaaccess-alerts-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "bad.yml"), "rule_files: []\ngroups: []\n");
            var result = await ToolRun.RunAsync("bash", [Generator, "-"],
                environment: new Dictionary<string, string?> { ["ALERTS_DIR"] = dir }, timeout: TimeSpan.FromSeconds(30));
            result.ExitCode.Should().NotBe(0);
            result.Output.Should().Contain("bad.yml");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresToolsFact("promtool")]
    public async Task Generated_groups_pass_promtool_check_rules()
    {
        var promtool = Tools.Require("promtool");

        // spec: of a PrometheusRule is a Prometheus rule file; cut it out and let promtool judge it.
        var lines = File.ReadAllLines(Committed);
        var spec = Array.FindIndex(lines, l => l == "spec:");
        spec.Should().BePositive();
        var body = lines.Skip(spec + 1).Select(l => l.Length >= 2 ? l[2..] : l.TrimStart());
        var file = Path.Combine(Path.GetTempPath(), $"metaaccess-rule-{Guid.NewGuid():N}.yml");
        try
        {
            File.WriteAllLines(file, body);
            var result = await ToolRun.RunAsync(promtool, ["check", "rules", file], timeout: TimeSpan.FromMinutes(1));
            output.WriteLine(result.Output);
            result.ExitCode.Should().Be(0, result.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<string> RuleFiles(string dir) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir)
                .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
                .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            : [];

    private static string LineOrEnd(string[] lines, int index) =>
        index >= 0 && index < lines.Length ? lines[index] : "<end of file>";

    private static async Task<string> Generate(string alertsDir)
    {
        var result = await ToolRun.RunAsync("bash", [Generator, "-"],
            environment: new Dictionary<string, string?> { ["ALERTS_DIR"] = alertsDir, ["LC_ALL"] = "C" },
            timeout: TimeSpan.FromSeconds(30));
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Stdout;
    }
}
