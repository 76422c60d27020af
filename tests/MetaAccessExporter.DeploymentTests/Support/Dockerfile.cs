using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MetaAccessExporter.DeploymentTests.Support;

internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage, int Line);

internal sealed record DockerStage(int Index, string BaseImage, string? Name);

/// <summary>
/// Just enough of the Dockerfile syntax to read our own Dockerfile: comments, line continuations,
/// stages, ARG defaults, exec-form arrays, KEY=value lists and shell words.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(List<DockerInstruction> instructions, List<DockerStage> stages)
    {
        Instructions = instructions;
        Stages = stages;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage FinalStage => Stages[^1];

    public static Dockerfile Load(string path) => Parse(File.ReadAllText(path));

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var stages = new List<DockerStage>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = new StringBuilder();
        var startLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#') || (current.Length == 0 && trimmed.Length == 0))
            {
                continue; // comments (also inside continuations) and blank lines
            }

            if (current.Length == 0)
            {
                startLine = i + 1;
            }

            var continued = line.TrimEnd().EndsWith('\\');
            current.Append(continued ? line.TrimEnd()[..^1] : line).Append(' ');
            if (continued)
            {
                continue;
            }

            var instruction = current.ToString().Trim();
            current.Clear();
            var space = instruction.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? instruction : instruction[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : WhitespaceRun().Replace(instruction[(space + 1)..].Trim(), " ");
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ');
                var name = words.Length >= 3 && words[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[^1] : null;
                var image = words.First(w => !w.StartsWith("--", StringComparison.Ordinal));
                stages.Add(new DockerStage(stages.Count, image, name));
            }

            instructions.Add(new DockerInstruction(keyword, arguments, stages.Count - 1, startLine));
        }

        return new Dockerfile(instructions, stages);
    }

    public IEnumerable<DockerInstruction> All(string keyword, int? stage = null) =>
        Instructions.Where(i => i.Keyword == keyword && (stage is null || i.Stage == stage));

    public DockerInstruction? Last(string keyword, int stage) => All(keyword, stage).LastOrDefault();

    /// <summary>ARG defaults visible in a stage (its own ARGs; global ones before the first FROM).</summary>
    public Dictionary<string, string> ArgDefaults(int stage)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in Instructions.Where(i => i.Keyword == "ARG" && (i.Stage == stage || i.Stage == -1)))
        {
            var eq = arg.Arguments.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[arg.Arguments[..eq]] = Unquote(arg.Arguments[(eq + 1)..]);
            }
        }

        return result;
    }

    /// <summary>Replaces $NAME and ${NAME} with the given values.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            return values.TryGetValue(name, out var value) ? value : m.Value;
        });

    /// <summary>KEY=value pairs of LABEL and ENV (the KEY=value form; quotes removed).</summary>
    public static Dictionary<string, string> KeyValues(string arguments)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in KeyValue().Matches(arguments))
        {
            result[Unquote(m.Groups["key"].Value)] = Unquote(m.Groups["value"].Value);
        }

        return result;
    }

    /// <summary>The words of an exec-form JSON array (ENTRYPOINT, CMD, HEALTHCHECK CMD).</summary>
    public static string[]? ExecForm(string arguments)
    {
        var trimmed = arguments.Trim();
        if (!trimmed.StartsWith('['))
        {
            return null;
        }

        return JsonSerializer.Deserialize<string[]>(trimmed);
    }

    /// <summary>Splits a shell command line into words (single and double quotes, no expansion).</summary>
    public static List<string> ShellWords(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in command)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"'
            ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal)
            : value;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?<plain>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();

    [GeneratedRegex(@"(?<key>""[^""]+""|[^\s=]+)=(?<value>""(?:[^""\\]|\\.)*""|\S*)")]
    private static partial Regex KeyValue();
}
