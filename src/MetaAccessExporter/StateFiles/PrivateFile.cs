namespace MetaAccessExporter.StateFiles;

/// <summary>
/// Writes the exporter's state files (the model names every device of the account; the budget file
/// is the account's recent calls): atomically, by a rename, so a reader sees the old file or the new
/// one and a crash mid-write leaves the old one; and readable by the exporter's user only (0600 in a
/// 0700 directory it creates), where the system has such modes.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var stream = CreateTemp(path, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        File.Move(stream.Name, path, overwrite: true);
    }

    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var stream = CreateTemp(path, FileOptions.None);
        using (stream)
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(stream.Name, path, overwrite: true);
    }

    private static FileStream CreateTemp(string path, FileOptions fileOptions)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        // A temp file a crash left behind would keep its mode: start from none, so the new one is created private.
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = fileOptions };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerReadWrite;
        return new FileStream(temp, options);
    }

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, OwnerReadWrite | UnixFileMode.UserExecute);
    }
}
