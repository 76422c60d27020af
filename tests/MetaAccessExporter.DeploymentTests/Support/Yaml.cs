using YamlDotNet.RepresentationModel;

namespace MetaAccessExporter.DeploymentTests.Support;

/// <summary>Small navigation helpers over YamlDotNet's representation model.</summary>
internal static class Yaml
{
    public static List<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents
            .Select(d => d.RootNode)
            .OfType<YamlMappingNode>()
            .ToList();
    }

    public static YamlMappingNode LoadSingle(string path)
    {
        var documents = LoadDocuments(path);
        documents.Should().HaveCount(1, $"{path} holds one YAML document");
        return documents[0];
    }

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlNode? At(this YamlNode? node, params string[] keys)
    {
        foreach (var key in keys)
        {
            node = node.Get(key);
        }

        return node;
    }

    public static string? Str(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static string? Str(this YamlNode? node, params string[] keys) => node.At(keys).Str();

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode seq ? seq.Children : [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) =>
        node is YamlMappingNode map
            ? map.Children.Select(kv => new KeyValuePair<string, YamlNode>(((YamlScalarNode)kv.Key).Value ?? string.Empty, kv.Value))
            : [];

    public static Dictionary<string, string> StringMap(this YamlNode? node) =>
        node.Entries().ToDictionary(kv => kv.Key, kv => kv.Value.Str() ?? string.Empty);
}
