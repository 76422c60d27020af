using System.Text.Json.Serialization;

namespace MetaAccessExporter.Model.Persistence;

/// <summary>
/// The on-disk form of the model in format version 1 (JSON, <see cref="JsonStateFile"/>), separate from the
/// domain records so that renaming a field of <see cref="Device"/> cannot change the file. A file of a
/// version this build does not know is ignored, never guessed at.
/// </summary>
internal sealed record StateFile(
    string Format,
    int Version,
    string Account,
    DateTimeOffset SavedAt,
    DateTimeOffset? Watermark,
    bool Gap,
    IReadOnlyList<StateFileDevice> Devices)
{
    public const string FormatName = "metaaccess-exporter-state";
}

/// <summary>One device in format version 1.</summary>
internal sealed record StateFileDevice(
    string Id,
    string Status,
    string Severity,
    string Group,
    int TotalIssues,
    int CriticalIssues,
    int WarningIssues,
    string Name,
    string DeviceType,
    string OsFamily,
    string AgentVersion,
    DateTimeOffset? LastSeen,
    DateTimeOffset ChangedAt,
    StateFileDetails? Details);

/// <summary>What device details told of one device, in format version 1.</summary>
internal sealed record StateFileDetails(
    DateTimeOffset FetchedAt,
    bool Unavailable,
    IReadOnlyList<string> IssueCategories,
    IReadOnlyList<string> CriticalIssueCategories,
    int Threats);

// Names are spelt out by the snake_case policy; a renamed C# member would rename its field, which
// the version-1 fixture test catches.
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StateFile))]
internal sealed partial class StateFileJson : JsonSerializerContext;
