using System.Text.Json.Serialization;

namespace MetaAccessExporter.Model.Persistence;

/// <summary>
/// The on-disk form of the model. <see cref="Version"/> changes whenever a field's meaning does;
/// a file of a version this build does not know is ignored, never guessed at.
/// </summary>
public sealed record StateFile(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("saved_at")] DateTimeOffset SavedAt,
    [property: JsonPropertyName("watermark")] DateTimeOffset? Watermark,
    [property: JsonPropertyName("gap")] bool Gap,
    [property: JsonPropertyName("devices")] IReadOnlyList<Device> Devices)
{
    public const string FormatName = "metaaccess-exporter-state";
    public const int CurrentVersion = 1;
}

[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StateFile))]
internal sealed partial class StateFileJson : JsonSerializerContext;
