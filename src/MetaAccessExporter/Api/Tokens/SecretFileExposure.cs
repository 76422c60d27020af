namespace MetaAccessExporter.Api.Tokens;

/// <summary>
/// Who besides the exporter can read a secret file: every user when its mode grants others read; its group
/// when the mode grants the group read and the exporter does not need that grant (it owns the file, runs as
/// root, or its owner cannot be told). A group grant the exporter reads through is how the file was meant to
/// be shared, and is left alone: Kubernetes hands a secret volume's files to the pod's fsGroup, read-only to
/// that group whatever defaultMode says. Links are followed: Kubernetes mounts each key as a link through
/// <c>..data</c> to the real file, whose mode is the one that counts.
/// </summary>
internal sealed record SecretFileExposure(string Target, UnixFileMode Mode, string Readers)
{
    /// <returns>
    /// Null when no one else can read the file, on Windows, or when the file cannot be looked at (reading it will say why).
    /// </returns>
    public static SecretFileExposure? Of(string path)
    {
        if (OperatingSystem.IsWindows())
            return null;
        try
        {
            string target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
            var mode = File.GetUnixFileMode(target);
            return ReadersOf(mode, UnixIdentity.OwnerOf(target), UnixIdentity.EffectiveUser) is { } readers
                ? new SecretFileExposure(target, mode, readers)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static string? ReadersOf(UnixFileMode mode, uint? owner, uint? user)
    {
        if (mode.HasFlag(UnixFileMode.OtherRead))
            return "every user";
        bool groupGrantUnneeded = owner is null || user is null || owner == user || user == 0;
        return mode.HasFlag(UnixFileMode.GroupRead) && groupGrantUnneeded ? "its group" : null;
    }

    /// <summary>The mode as <c>ls</c> and <c>chmod</c> write it, such as 0644.</summary>
    public string Octal => Convert.ToString((int)Mode & 0xFFF, 8).PadLeft(4, '0');
}
