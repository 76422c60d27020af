using YamlDotNet.RepresentationModel;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// One mapping of the web configuration, read strictly as the toolkit does (Go's <c>yaml.UnmarshalStrict</c>): an
/// unknown key is an error, not a typo silently ignored, and every error names the key's full path.
/// </summary>
internal sealed class YamlSection(YamlMappingNode node, string path)
{
    public void AllowOnly(params string[] keys)
    {
        foreach (var (key, _) in node.Children)
        {
            string name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
            if (!keys.Contains(name, StringComparer.Ordinal))
                throw Error(name, $"is not a known key here (known: {string.Join(", ", keys)})");
        }
    }

    public WebConfigException Error(string key, string reason) => new($"{path}{key}: {reason}");

    public string? String(string key) => Value(key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value ?? "",
        _ => throw Error(key, "must be a string"),
    };

    public bool? Bool(string key)
    {
        string? text = String(key);
        // YAML 1.1's spellings as well, which Go's yaml.v2 accepts.
        return text?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(key, $"'{text}' is not true or false"),
        };
    }

    public IReadOnlyList<string>? Strings(string key) => Value(key) switch
    {
        null => null,
        YamlSequenceNode list => list.Children.Select((item, i) => item is YamlScalarNode s
            ? s.Value ?? ""
            : throw Error($"{key}[{i}]", "must be a string")).ToList(),
        _ => throw Error(key, "must be a list of strings"),
    };

    public YamlSection? Section(string key) => Value(key) switch
    {
        null => null,
        YamlMappingNode mapping => new YamlSection(mapping, $"{path}{key}."),
        _ => throw Error(key, "must be a mapping of keys to values"),
    };

    /// <summary>A mapping whose keys are data (user names, header names), each with a string value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in node.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? throw Error(key.ToString(), "must be a plain key");
            string text = value is YamlScalarNode scalar && !IsNull(scalar) ? scalar.Value ?? "" : throw Error(name, "must be a string");
            pairs.Add(new(name, text));
        }
        return pairs;
    }

    /// <summary>The key's value, or null when it is absent or YAML's null (<c>key:</c> with nothing after it).</summary>
    private YamlNode? Value(string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !(value is YamlScalarNode s && IsNull(s)) ? value : null;

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
