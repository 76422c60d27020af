using System.Text.Json;

namespace MetaAccessExporter.Model.Persistence;

/// <summary>
/// Format version 1 of the state file, the JSON document of <see cref="StateFile"/>. Builds since version 2 only
/// read it, to take over the model an earlier build saved; writing it is left for tests and benchmarks.
/// </summary>
internal static class JsonStateFile
{
    public const int Version = 1;

    public static byte[] Write(SavedModel model, string account, DateTimeOffset savedAt) =>
        JsonSerializer.SerializeToUtf8Bytes(StateFileMapping.ToFile(model, account, savedAt), StateFileJson.Default.StateFile);

    /// <summary>The model a file of this format holds, if it is whole and <paramref name="account"/>'s.</summary>
    /// <exception cref="InvalidDataException">The file is damaged, truncated, foreign or of another version: the message says which.
    /// </exception>
    public static SavedModel Read(byte[] content, string account)
    {
        StateFile? file;
        try
        {
            file = JsonSerializer.Deserialize(content, StateFileJson.Default.StateFile);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
        return Problem(file, account) is { } problem ? throw new InvalidDataException(problem) : StateFileMapping.ToModel(file!);
    }

    private static string? Problem(StateFile? file, string account) => file switch
    {
        null => "it is empty",
        { Format: not StateFile.FormatName } => "it is not an exporter state file",
        { Version: > Version } => $"it has version {file.Version}, but JSON files only ever had version {Version}",
        { Version: < Version } => $"it has an unknown version {file.Version}",
        _ when file.Account != account => $"it belongs to account '{file.Account}', not '{account}'",
        { Watermark: null } => "it holds no watermark",
        _ when file.Devices is null || !file.Devices.All(IsWhole) => "its device list is damaged",
        _ when file.Devices.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count() != file.Devices.Count => "it lists a device twice",
        _ => null,
    };

    // The deserializer leaves a missing field null whatever the declared type says.
    private static bool IsWhole(StateFileDevice? d) =>
        d is { Id: not null, Status: not null, Severity: not null, Group: not null, Name: not null, DeviceType: not null }
        && d is { OsFamily: not null, AgentVersion: not null }
        && d.Details is null or { IssueCategories: not null, CriticalIssueCategories: not null };
}
