using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Model.Persistence;

/// <summary>
/// Keeps the model across restarts in <c>{Exporter:StatePath}/model.json</c>. Writes are atomic
/// (temp file, flush to disk, rename), so a crash mid-write leaves the previous file intact. A
/// missing, unreadable or foreign file is logged and ignored: the exporter then starts fresh.
/// </summary>
public sealed class ModelStore(string? stateDirectory, string account, TimeProvider time, ILogger<ModelStore> logger)
{
    public const string FileName = "model.json";
    private const int BufferSize = 64 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(stateDirectory);

    public string? FilePath => Enabled ? Path.Combine(stateDirectory!, FileName) : null;

    public async Task SaveAsync(SavedModel model, CancellationToken cancellationToken)
    {
        if (!Enabled)
            return;
        var file = StateFileMapping.ToFile(model, account, time.GetUtcNow());
        Directory.CreateDirectory(stateDirectory!);
        var temp = FilePath + ".tmp";
        var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, file, StateFileJson.Default.StateFile, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, FilePath!, overwrite: true);
    }

    public async Task<SavedModel?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!Enabled || !File.Exists(FilePath))
            return null;
        StateFile? file;
        try
        {
            await using var stream = new FileStream(
                FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
            file = await JsonSerializer.DeserializeAsync(stream, StateFileJson.Default.StateFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Log.StateUnreadable(logger, FilePath!, ex.Message);
            return null;
        }
        if (Problem(file) is { } problem)
        {
            Log.StateUnreadable(logger, FilePath!, problem);
            return null;
        }
        return StateFileMapping.ToModel(file!);
    }

    private string? Problem(StateFile? file) => file switch
    {
        null => "it is empty",
        { Format: not StateFile.FormatName } => "it is not an exporter state file",
        { Version: > StateFile.CurrentVersion } => $"it has version {file.Version}, newer than this build's {StateFile.CurrentVersion}",
        { Version: < 1 } => $"it has an unknown version {file.Version}",
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
