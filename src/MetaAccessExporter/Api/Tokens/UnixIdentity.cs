using System.Runtime.InteropServices;

namespace MetaAccessExporter.Api.Tokens;

/// <summary>
/// Who owns a file and who the exporter runs as, on Linux: .NET reads a file's mode but not its owner.
/// <c>statx</c> is used rather than <c>stat</c> because its structure has one layout on every architecture.
/// Null wherever either cannot be told (another Unix, a libc without <c>statx</c>, a sandbox refusing it).
/// </summary>
internal static partial class UnixIdentity
{
    private const int CurrentDirectory = -100;
    private const uint OwnerField = 0x8;

    public static uint? EffectiveUser => OperatingSystem.IsLinux() ? GetEffectiveUser() : null;

    /// <summary>The owner of the file at <paramref name="path"/>, links followed.</summary>
    public static uint? OwnerOf(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            return Statx(CurrentDirectory, path, 0, OwnerField, out var status) == 0 && (status.Mask & OwnerField) != 0
                ? status.Owner
                : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    // The head of struct statx (linux/stat.h); the kernel writes all 256 bytes.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxHead
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(20)] public uint Owner;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxHead status);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUser();
}
