using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MetaAccessExporter.EndToEndTests.Infrastructure;

/// <summary>The parts of Prometheus rule files and promtool test files the convention tests read.</summary>
internal static class RuleFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    public static IReadOnlyList<(string File, RuleGroup Group, Rule Rule)> AllRules() =>
        RepositoryPaths.RuleFiles
            .SelectMany(file => (Yaml.Deserialize<RuleFileModel>(File.ReadAllText(file))?.Groups ?? [])
                .SelectMany(group => group.Rules.Select(rule => (Path.GetFileName(file), group, rule))))
            .ToList();

    public static IReadOnlyList<Rule> Alerts() => AllRules().Select(r => r.Rule).Where(r => r.Alert is not null).ToList();

    public static Rule Alert(string name) => Alerts().Single(a => a.Alert == name);

    public static IReadOnlyList<(string File, RuleTestCase Case)> UnitTests() =>
        RepositoryPaths.RuleTestFiles
            .SelectMany(file => (Yaml.Deserialize<RuleTestFile>(File.ReadAllText(file))?.Tests ?? [])
                .Select(test => (Path.GetFileName(file), test)))
            .ToList();

    /// <summary>A Prometheus duration ("1h30m", "90s", "25h") as a TimeSpan.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var total = TimeSpan.Zero;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"(\d+)(ms|s|m|h|d|w|y)"))
        {
            var n = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                "w" => TimeSpan.FromDays(7 * n),
                _ => TimeSpan.FromDays(365 * n),
            };
        }

        return total;
    }

    public sealed class RuleFileModel
    {
        public List<RuleGroup> Groups { get; set; } = [];
    }

    public sealed class RuleGroup
    {
        public string Name { get; set; } = "";

        public List<Rule> Rules { get; set; } = [];
    }

    public sealed class Rule
    {
        public string? Alert { get; set; }

        public string? Record { get; set; }

        public string Expr { get; set; } = "";

        public string? For { get; set; }

        public string? KeepFiringFor { get; set; }

        public Dictionary<string, string> Labels { get; set; } = [];

        public Dictionary<string, string> Annotations { get; set; } = [];

        public override string ToString() => Alert ?? Record ?? "?";
    }

    public sealed class RuleTestFile
    {
        public List<string> RuleFiles { get; set; } = [];

        public string? EvaluationInterval { get; set; }

        public List<RuleTestCase> Tests { get; set; } = [];
    }

    public sealed class RuleTestCase
    {
        public string? Name { get; set; }

        public List<AlertRuleTest> AlertRuleTest { get; set; } = [];
    }

    public sealed class AlertRuleTest
    {
        public string EvalTime { get; set; } = "";

        public string Alertname { get; set; } = "";

        public List<object> ExpAlerts { get; set; } = [];
    }
}
