using System.Security.Cryptography;

namespace MetaAccessExporter.Model.Persistence;

internal static partial class BinaryStateFile
{
    /// <summary>The model a file of this format holds, if it is whole and <paramref name="account"/>'s.</summary>
    /// <exception cref="InvalidDataException">The file is damaged, truncated, foreign or newer; the message says which.</exception>
    public static SavedModel Read(byte[] content, string account)
    {
        if (content.Length < Magic.Length + sizeof(int) || !content.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException("it is not an exporter state file of format version 2");
        int version = BitConverter.ToInt32(content, Magic.Length);
        if (version != Version)
            throw new InvalidDataException(version > Version
                ? $"it has version {version}, newer than this build's {Version}"
                : $"it has an unknown version {version}");
        // Checked before anything is read: a truncated or damaged file cannot pass for a smaller model.
        int body = content.Length - HashSize;
        if (body < Magic.Length + sizeof(int) || !SHA256.HashData(content.AsSpan(0, body)).AsSpan().SequenceEqual(content.AsSpan(body)))
            throw new InvalidDataException("it is truncated or damaged (its checksum does not match)");
        try
        {
            using var reader = new BinaryReader(new MemoryStream(content, Magic.Length + sizeof(int), body - Magic.Length - sizeof(int)),
                Utf8);
            return ReadModel(reader, account);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            // The checksum matched, so this build's writer did not write it: a file crafted or written by a broken build.
            throw new InvalidDataException($"its content is damaged ({ex.Message})", ex);
        }
    }

    private static SavedModel ReadModel(BinaryReader reader, string account)
    {
        var owner = reader.ReadString();
        if (owner != account)
            throw new InvalidDataException($"it belongs to account '{owner}', not '{account}'");
        long savedAt = reader.ReadInt64();
        var checkpoint = new SyncCheckpoint(new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero), reader.ReadBoolean());
        var labels = new string[Count(reader)];
        for (int i = 0; i < labels.Length; i++)
            labels[i] = reader.ReadString();
        var devices = new Device[Count(reader)];
        var ids = new HashSet<string>(devices.Length, StringComparer.Ordinal);
        for (int i = 0; i < devices.Length; i++)
        {
            devices[i] = ReadDevice(reader, labels, savedAt);
            if (!ids.Add(devices[i].Id))
                throw new InvalidDataException("it lists a device twice");
        }
        if (reader.BaseStream.Position != reader.BaseStream.Length)
            throw new InvalidDataException("its content is damaged (bytes after the last device)");
        return new SavedModel(checkpoint, devices);
    }

    private static Device ReadDevice(BinaryReader reader, string[] labels, long baseTicks)
    {
        string id = reader.ReadString(), name = reader.ReadString();
        byte flags = reader.ReadByte();
        string status = Label(reader, labels), severity = Label(reader, labels), group = Label(reader, labels);
        string deviceType = Label(reader, labels), osFamily = Label(reader, labels), agentVersion = Label(reader, labels);
        int total = reader.Read7BitEncodedInt(), critical = reader.Read7BitEncodedInt(), warning = reader.Read7BitEncodedInt();
        var changedAt = ReadInstant(reader, baseTicks);
        DateTimeOffset? lastSeen = (flags & HasLastSeen) != 0 ? ReadInstant(reader, baseTicks) : null;
        DeviceDetailsSummary? details = null;
        if ((flags & HasDetails) != 0)
        {
            var fetchedAt = ReadInstant(reader, baseTicks);
            int threats = reader.Read7BitEncodedInt();
            details = new DeviceDetailsSummary(FetchedAt: fetchedAt, Unavailable: (flags & DetailsUnavailable) != 0,
                IssueCategories: Labels(reader, labels), CriticalIssueCategories: Labels(reader, labels), Threats: threats);
        }
        return new Device(Id: id, Status: status, Severity: severity, Group: group, TotalIssues: total, CriticalIssues: critical,
            WarningIssues: warning, Name: name, DeviceType: deviceType, OsFamily: osFamily, AgentVersion: agentVersion,
            LastSeen: lastSeen, ChangedAt: changedAt, Details: details);
    }

    private static string Label(BinaryReader reader, string[] labels)
    {
        int index = reader.Read7BitEncodedInt();
        return (uint)index < (uint)labels.Length ? labels[index] : throw new InvalidDataException("its content is damaged (no such label)");
    }

    private static string[] Labels(BinaryReader reader, string[] labels)
    {
        var values = new string[Count(reader)];
        for (int i = 0; i < values.Length; i++)
            values[i] = Label(reader, labels);
        return values;
    }

    // Every entry takes at least a byte: a count beyond what is left is damage, not an array to allocate.
    private static int Count(BinaryReader reader)
    {
        int count = reader.Read7BitEncodedInt();
        return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position
            ? count
            : throw new InvalidDataException("its content is damaged (a count beyond the file)");
    }
}
