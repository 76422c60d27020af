namespace MetaAccessExporter.WebConfig;

/// <summary>
/// The files one reading of the web configuration read, with their bytes, so that a later request can tell
/// whether any of them changed. The toolkit reads the file on every request; comparing a few small files'
/// bytes costs microseconds and catches what timestamps miss (a same-second edit, a Kubernetes symlink swap).
/// </summary>
internal sealed class FileInputs
{
    private readonly List<(string Path, byte[]? Bytes)> _read = [];

    /// <exception cref="IOException">Recorded as unreadable first, so that the file appearing later counts as a change.</exception>
    public byte[] Read(string path)
    {
        byte[]? bytes = TryRead(path);
        _read.Add((path, bytes));
        return bytes ?? File.ReadAllBytes(path);
    }

    public bool Unchanged() => _read.All(input => Same(input.Bytes, TryRead(input.Path)));

    /// <summary>The same files as they are now: a change is applied once two looks a second apart agree.</summary>
    public FileInputs Again()
    {
        var again = new FileInputs();
        foreach (var (path, _) in _read)
            again._read.Add((path, TryRead(path)));
        return again;
    }

    private static bool Same(byte[]? then, byte[]? now) =>
        then is null ? now is null : now is not null && then.AsSpan().SequenceEqual(now);

    private static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
