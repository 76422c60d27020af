using MetaAccessExporter.StateFiles;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Model.Persistence;

/// <summary>
/// Keeps the model across restarts in <c>{Exporter:StatePath}/model.bin</c> (format version 2,
/// <see cref="BinaryStateFile"/>). Without it, a <c>model.json</c> (version 1, <see cref="JsonStateFile"/>)
/// an earlier build left is read instead, and the first save removes it. Writes are atomic (temp file,
/// flush to disk, rename), so a crash mid-write leaves the previous file intact. A missing, unreadable or
/// foreign file is logged and ignored: the exporter then starts fresh.
/// </summary>
public sealed class ModelStore(string? stateDirectory, string account, TimeProvider time, ILogger<ModelStore> logger)
{
    public const string FileName = "model.bin";
    public const string Version1FileName = "model.json";

    public bool Enabled => !string.IsNullOrWhiteSpace(stateDirectory);

    public string? FilePath => Enabled ? Path.Combine(stateDirectory!, FileName) : null;

    private string? Version1FilePath => Enabled ? Path.Combine(stateDirectory!, Version1FileName) : null;

    public async Task SaveAsync(SavedModel model, CancellationToken cancellationToken)
    {
        if (!Enabled)
            return;
        long started = time.GetTimestamp();
        var content = BinaryStateFile.Write(model, account, time.GetUtcNow());
        await PrivateFile.WriteAtomicallyAsync(FilePath!, content, cancellationToken).ConfigureAwait(false);
        // Left behind, the version-1 file would be restored by an earlier build, older than what it could know.
        File.Delete(Version1FilePath!);
        Log.StateSaved(logger, FilePath!, model.Devices.Count, content.Length, (int)time.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task<SavedModel?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
            return null;
        var (path, read) = SavedFile();
        if (path is null || read is null)
            return null;
        try
        {
            return read(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), account);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Log.StateUnreadable(logger, path, ex.Message);
            return null;
        }
    }

    private (string? Path, Func<byte[], string, SavedModel>? Read) SavedFile() =>
        File.Exists(FilePath) ? (FilePath, BinaryStateFile.Read)
        : File.Exists(Version1FilePath) ? (Version1FilePath, JsonStateFile.Read)
        : (null, null);
}
