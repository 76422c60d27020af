using MetaAccessExporter.Model;
using MetaAccessExporter.Model.Persistence;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Model.Persistence;

/// <summary>Format version 2: every field of every device comes back, and a file that is not whole never loads.</summary>
public sealed class BinaryStateFileTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _state = Directory.CreateTempSubdirectory("metaaccess-state-").FullName;
    private readonly FakeTimeProvider _time = new(T0.AddTicks(1234567));
    private readonly CapturedLogs _logs = new();

    /// <summary>Every field differs from every other, so two fields swapped in the writer or the reader show.</summary>
    private static readonly SavedModel Fleet = new(new SyncCheckpoint(T0.AddTicks(-7), Gap: true),
    [
        new Device("17BA96AE04CD3B99869E56F0ADBF3A6F", "non_compliant", "critical", "HQ \"Main\" Office", 7, 3, 4, "Zürich-Büro \\ 1",
            "laptop", "macOS", "8.2.0.7", LastSeen: T0.AddDays(-45).AddTicks(3), ChangedAt: T0.AddHours(-2).AddTicks(1),
            Details: new DeviceDetailsSummary(T0.AddMinutes(-30).AddTicks(9), false, ["Antivirus", "Hard Drive", "Firewall"],
                ["Hard Drive"], 2)),
        new Device("b", "compliant", "none", LabelValues.Unassigned, 0, 0, 0, "", "", "", "", LastSeen: null,
            ChangedAt: T0.AddYears(-3), Details: null),
        new Device("c-日本", "exempted", "warning", "Sales \"EU\"\n", 1, 0, 1, "wks-\"quoted\"", "desktop", "Windows", "7.7.12.0",
            LastSeen: T0.AddSeconds(30), ChangedAt: T0.AddTicks(1234567), Details: DeviceDetailsSummary.NotFound(T0.AddDays(-1))),
        new Device("d", "pending", "unknown", "Finance", int.MaxValue, 0, -1, "host", "server", "Linux", "8.1.4.2",
            LastSeen: DateTimeOffset.MinValue, ChangedAt: DateTimeOffset.MaxValue,
            Details: new DeviceDetailsSummary(T0, false, [], ["Encryption"], 0)),
    ]);

    [Fact]
    public async Task What_is_saved_loads_back_field_for_field()
    {
        var store = Store();

        await store.SaveAsync(Fleet, CancellationToken.None);
        var loaded = await store.LoadAsync(CancellationToken.None);

        loaded.Should().NotBeNull(_logs.All);
        loaded!.Checkpoint.Should().Be(Fleet.Checkpoint);
        loaded.Devices.Should().BeEquivalentTo(Fleet.Devices, o => o.WithStrictOrdering());
        loaded.Devices.Select(d => (d.LastSeen?.UtcTicks, d.ChangedAt.UtcTicks, d.Details?.FetchedAt.UtcTicks))
            .Should().Equal(Fleet.Devices.Select(d => (d.LastSeen?.UtcTicks, d.ChangedAt.UtcTicks, d.Details?.FetchedAt.UtcTicks)),
                "instants are exact to the tick");
    }

    [Fact]
    public void The_file_starts_with_its_magic_and_version()
    {
        var file = BinaryStateFile.Write(Fleet, "acme", T0).ToArray();

        file.AsSpan(0, 12).ToArray().Should().Equal([.. "MAXSTATE"u8, 2, 0, 0, 0]);
    }

    [Fact]
    public async Task A_file_cut_short_anywhere_is_logged_and_ignored()
    {
        var file = BinaryStateFile.Write(Fleet, "acme", T0).ToArray();
        var store = Store();

        for (int length = 0; length < file.Length; length++)
        {
            await File.WriteAllBytesAsync(store.FilePath!, file[..length]);
            (await store.LoadAsync(CancellationToken.None)).Should().BeNull($"the file was cut at {length} of {file.Length} bytes");
        }
        _logs.Lines.Should().HaveCount(file.Length).And.AllSatisfy(l => l.Should().Contain("Ignoring the state file"));
    }

    [Fact]
    public async Task A_file_with_any_byte_changed_is_logged_and_ignored()
    {
        var file = BinaryStateFile.Write(Fleet, "acme", T0).ToArray();
        var store = Store();

        for (int at = 0; at < file.Length; at++)
        {
            var damaged = file.ToArray();
            damaged[at] ^= 0x10;
            await File.WriteAllBytesAsync(store.FilePath!, damaged);
            (await store.LoadAsync(CancellationToken.None)).Should().BeNull($"byte {at} of {file.Length} was changed");
        }
    }

    [Fact]
    public async Task A_file_of_another_account_is_logged_and_ignored()
    {
        await File.WriteAllBytesAsync(Store().FilePath!, BinaryStateFile.Write(Fleet, "other", T0).ToArray());

        (await Store().LoadAsync(CancellationToken.None)).Should().BeNull();

        _logs.All.Should().Contain("Ignoring the state file").And.Contain("it belongs to account 'other', not 'acme'");
    }

    [Fact]
    public async Task A_file_of_a_newer_version_is_logged_and_ignored()
    {
        var file = BinaryStateFile.Write(Fleet, "acme", T0).ToArray();
        file[8] = 3;

        await File.WriteAllBytesAsync(Store().FilePath!, file);
        (await Store().LoadAsync(CancellationToken.None)).Should().BeNull();

        _logs.All.Should().Contain("it has version 3, newer than this build's 2");
    }

    [Fact]
    public async Task A_file_that_lists_a_device_twice_is_logged_and_ignored()
    {
        var twice = new SavedModel(Fleet.Checkpoint, [Fleet.Devices[0], Fleet.Devices[1], Fleet.Devices[0]]);
        await File.WriteAllBytesAsync(Store().FilePath!, BinaryStateFile.Write(twice, "acme", T0).ToArray());

        (await Store().LoadAsync(CancellationToken.None)).Should().BeNull();

        _logs.All.Should().Contain("it lists a device twice");
    }

    [Fact]
    public async Task A_file_of_another_kind_is_logged_and_ignored()
    {
        await File.WriteAllTextAsync(Store().FilePath!, "{\"format\":\"metaaccess-exporter-state\",\"version\":1}");

        (await Store().LoadAsync(CancellationToken.None)).Should().BeNull();

        _logs.All.Should().Contain("it is not an exporter state file of format version 2");
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private ModelStore Store() => new(_state, "acme", _time, LoggerFactory.Create(b => b.AddProvider(_logs)).CreateLogger<ModelStore>());
}
