using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MetaAccessExporter.EndToEndTests.Infrastructure;

/// <summary>A Grafana dashboard JSON file and the PromQL it holds.</summary>
internal sealed partial class DashboardFile
{
    private DashboardFile(string path, JsonObject root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public JsonObject Root { get; }

    public static IReadOnlyList<DashboardFile> All() =>
        RepositoryPaths.DashboardFiles.Select(Load).ToList();

    public static DashboardFile Load(string path) =>
        new(path, JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new InvalidOperationException($"{path} is not a JSON object"));

    /// <summary>Every panel, including those nested in collapsed rows.</summary>
    public IEnumerable<JsonObject> Panels()
    {
        foreach (var panel in Root["panels"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            yield return panel;
            foreach (var nested in panel["panels"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                yield return nested;
            }
        }
    }

    public IEnumerable<JsonObject> Variables() => Root["templating"]?["list"]?.AsArray().OfType<JsonObject>() ?? [];

    public IEnumerable<string> VariableNames() => Variables().Select(v => (string?)v["name"] ?? "");

    /// <summary>Every PromQL expression: panel targets, annotations, and query variables (label_values unwrapped).</summary>
    public IEnumerable<(string Where, string Expr)> Expressions()
    {
        foreach (var panel in Panels())
        {
            foreach (var target in panel["targets"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var expr = (string?)target["expr"];
                if (!string.IsNullOrWhiteSpace(expr))
                {
                    yield return ($"{Name} panel {panel["id"]} \"{panel["title"]}\" target {target["refId"]}", expr);
                }
            }
        }

        foreach (var annotation in Root["annotations"]?["list"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var expr = (string?)annotation["expr"];
            if (!string.IsNullOrWhiteSpace(expr))
            {
                yield return ($"{Name} annotation \"{annotation["name"]}\"", expr);
            }
        }

        foreach (var variable in Variables().Where(v => (string?)v["type"] == "query"))
        {
            var query = VariableQuery(variable);
            var selector = query is null ? null : LabelValues().Match(query);
            if (selector is { Success: true })
            {
                yield return ($"{Name} variable ${variable["name"]}", selector.Groups["expr"].Value);
            }
            else if (!string.IsNullOrWhiteSpace(query))
            {
                yield return ($"{Name} variable ${variable["name"]}", query);
            }
        }
    }

    public static string? VariableQuery(JsonObject variable) =>
        variable["query"] switch
        {
            JsonValue value => (string?)value,
            JsonObject obj => (string?)obj["query"],
            _ => null,
        };

    /// <summary>
    /// The expression as Prometheus would get it from Grafana: template variables replaced by the
    /// values of an "All" selection, Grafana's interval macros by fixed durations.
    /// </summary>
    public static string Substitute(string expr)
    {
        var result = expr
            .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
            .Replace("${__rate_interval}", "1m", StringComparison.Ordinal)
            .Replace("$__interval", "15s", StringComparison.Ordinal)
            .Replace("${__interval}", "15s", StringComparison.Ordinal)
            .Replace("$__range", "1h", StringComparison.Ordinal)
            .Replace("${__range}", "1h", StringComparison.Ordinal);
        return VariableReference().Replace(result, ".*");
    }

    /// <summary>
    /// Names of the variables an expression refers to ($name, ${name}, ${name:format}, [[name]]), Grafana's own ($__...) left out.
    /// </summary>
    public static IEnumerable<string> ReferencedVariables(string text) =>
        VariableReference().Matches(text)
            .Select(m => m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["braced"].Success ? m.Groups["braced"].Value
                : m.Groups["bracket"].Value)
            .Where(name => !name.StartsWith("__", StringComparison.Ordinal))
            .Distinct();

    [GeneratedRegex(@"\$(?<name>\w+)|\$\{(?<braced>\w+)(:\w+)?\}|\[\[(?<bracket>\w+)\]\]")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\s*label_values\((?<expr>.*),\s*\w+\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();
}
