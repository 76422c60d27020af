using System.Text.Json.Nodes;
using MetaAccessExporter.Model;
using MetaAccessExporter.Model.Persistence;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MetaAccessExporter.Tests.Model.Persistence;

public sealed class ModelStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly string FixtureV1 = Path.Combine(AppContext.BaseDirectory, "Model", "Persistence", "StateFileV1.json");
    private readonly string _state = Directory.CreateTempSubdirectory("metaaccess-state-").FullName;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly CapturedLogs _logs = new();

    private string Version1Path => Path.Combine(_state, ModelStore.Version1FileName);

    [Fact]
    public async Task A_version_1_file_written_by_an_earlier_build_still_loads()
    {
        File.Copy(FixtureV1, Version1Path);

        var saved = await Store(account: "demo").LoadAsync(CancellationToken.None);

        saved.Should().NotBeNull(_logs.All);
        saved!.Checkpoint.Should().Be(new SyncCheckpoint(DateTimeOffset.Parse("2026-11-24T14:14:35.4212071+00:00"), Gap: false));
        saved.Devices.Select(d => d.Id).Should().Equal(
            "17BA96AE04CD3B99869E56F0ADBF3A6F", "3EFD1D8462C009CA918154357B0AEA92", "C04CA8E03F05846B67345A650C36D1D8",
            "E7F10D46D827BAED2722FBB9E4FED667");
        var critical = saved.Devices[3];
        critical.Should().BeEquivalentTo(new
        {
            Status = "compliant", Severity = "critical", Group = "Sales EMEA", TotalIssues = 3, CriticalIssues = 1, WarningIssues = 2,
            Name = "sup-1108", DeviceType = "desktop", OsFamily = "Windows", AgentVersion = "8.2.0.7",
            LastSeen = DateTimeOffset.Parse("2026-11-24T14:14:35+00:00"),
        });
        critical.Details!.IssueCategories.Should().Equal("Hard Drive", "Uninstaller", "Antiphishing");
        critical.Details.CriticalIssueCategories.Should().Equal("Hard Drive");
        critical.Details.Threats.Should().Be(2);
        saved.Devices[0].LastSeen.Should().BeNull();
        saved.Devices[0].Details!.Unavailable.Should().BeTrue();
        saved.Devices[2].Group.Should().Be("HQ \"Main\" Office");
        saved.Devices[2].Details.Should().BeNull();
    }

    [Fact]
    public async Task Format_version_1_is_written_back_field_for_field()
    {
        File.Copy(FixtureV1, Version1Path);
        var loaded = await Store(account: "demo").LoadAsync(CancellationToken.None);

        var written = JsonNode.Parse(JsonStateFile.Write(loaded!, "demo", T0))!.AsObject();

        var fixture = JsonNode.Parse(await File.ReadAllTextAsync(FixtureV1))!.AsObject();
        written["saved_at"]!.GetValue<DateTimeOffset>().Should().Be(T0);
        written.Remove("saved_at");
        fixture.Remove("saved_at");
        JsonNode.DeepEquals(written, fixture).Should().BeTrue($"a renamed model field must not rename a file field:\n{written}");
    }

    [Fact]
    public async Task The_first_save_after_an_upgrade_writes_version_2_and_removes_the_version_1_file()
    {
        File.Copy(FixtureV1, Version1Path);
        var store = Store(account: "demo");
        var loaded = await store.LoadAsync(CancellationToken.None);

        await store.SaveAsync(loaded!, CancellationToken.None);

        Directory.GetFiles(_state).Select(Path.GetFileName).Should().Equal(ModelStore.FileName);
        var again = await store.LoadAsync(CancellationToken.None);
        again.Should().BeEquivalentTo(loaded, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Without_a_state_file_the_model_starts_empty_and_nothing_is_logged()
    {
        var saved = await Store().LoadAsync(CancellationToken.None);

        saved.Should().BeNull();
        _logs.Lines.Should().BeEmpty("a first start has nothing to restore, which is no problem");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"format\":\"metaaccess-exporter-state\",\"version\":1,\"account\":\"acme\",\"devi")]
    [InlineData("{\"format\":\"other\",\"version\":1,\"account\":\"acme\",\"saved_at\":\"2026-11-23T12:00:00Z\","
        + "\"watermark\":\"2026-11-23T12:00:00Z\",\"devices\":[]}")]
    [InlineData("{\"format\":\"metaaccess-exporter-state\",\"version\":99,\"account\":\"acme\","
        + "\"saved_at\":\"2026-11-23T12:00:00Z\",\"devices\":[]}")]
    [InlineData("{\"format\":\"metaaccess-exporter-state\",\"version\":1,\"account\":\"other\",\"saved_at\":\"2026-11-23T12:00:00Z\","
        + "\"watermark\":\"2026-11-23T12:00:00Z\",\"devices\":[]}")]
    [InlineData("{\"format\":\"metaaccess-exporter-state\",\"version\":1,\"account\":\"acme\",\"saved_at\":\"2026-11-23T12:00:00Z\","
        + "\"watermark\":\"2026-11-23T12:00:00Z\",\"devices\":[{\"id\":\"x\"}]}")]
    [InlineData("not json at all")]
    [InlineData("{\"format\":\"metaaccess-exporter-state\",\"version\":1,\"account\":\"acme\",\"saved_at\":\"2026-11-23T12:00:00Z\","
        + "\"watermark\":null,\"gap\":false,\"devices\":[]}")]
    [InlineData("{\"format\":\"metaaccess-exporter-state\",\"version\":1,\"account\":\"acme\",\"saved_at\":\"2026-11-23T12:00:00Z\","
        + "\"watermark\":\"2026-11-23T12:00:00Z\",\"devices\":[{\"id\":\"x\",\"status\":\"s\",\"severity\":\"s\","
        + "\"group\":\"g\",\"name\":\"\",\"device_type\":\"\",\"os_family\":\"\",\"agent_version\":\"\","
        + "\"details\":{\"fetched_at\":\"2026-11-23T12:00:00Z\"}}]}")]
    [InlineData("{\"format\":\"metaaccess-exporter-state\",\"version\":1,\"account\":\"acme\",\"saved_at\":\"2026-11-23T12:00:00Z\","
        + "\"watermark\":\"2026-11-23T12:00:00Z\",\"devices\":[" + WholeDevice + "," + WholeDevice + "]}")]
    public async Task A_truncated_corrupt_foreign_future_or_duplicated_version_1_file_is_logged_and_ignored(string content)
    {
        await File.WriteAllTextAsync(Version1Path, content);

        var saved = await Store().LoadAsync(CancellationToken.None);

        saved.Should().BeNull();
        _logs.All.Should().Contain("Ignoring the state file").And.Contain(Version1Path);
    }

    [Fact]
    public async Task The_state_file_is_replaced_by_a_rename_never_rewritten_in_place()
    {
        var store = Store();
        await store.SaveAsync(Model(Devices.Make("old")), CancellationToken.None);
        // A reader that has the old file open keeps reading the old file after a rename; after an
        // in-place rewrite it would read the new content (or the writer would fail on its lock).
        await using var reader = new FileStream(store.FilePath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        await store.SaveAsync(Model(Devices.Make("new")), CancellationToken.None);

        var before = new MemoryStream();
        await reader.CopyToAsync(before);
        BinaryStateFile.Read(before.ToArray(), "acme").Devices.Single().Id.Should().Be("old");
        (await store.LoadAsync(CancellationToken.None))!.Devices.Single().Id.Should().Be("new");
        Directory.GetFiles(_state).Select(Path.GetFileName).Should().Equal(ModelStore.FileName);
    }

    [Fact]
    public async Task When_both_files_exist_the_version_2_file_is_the_one_restored()
    {
        File.Copy(FixtureV1, Version1Path);
        var store = Store(account: "demo");
        var saved = new SavedModel(new SyncCheckpoint(T0, Gap: false), [Devices.Make("from-v2")]);
        await File.WriteAllBytesAsync(store.FilePath!, BinaryStateFile.Write(saved, "demo", T0).ToArray());

        var loaded = await store.LoadAsync(CancellationToken.None);

        loaded!.Devices.Select(d => d.Id).Should().Equal("from-v2");
    }

    [Fact]
    public async Task A_damaged_version_2_file_is_logged_and_ignored()
    {
        var store = Store();
        await File.WriteAllBytesAsync(store.FilePath!, [.. "MAXSTATE"u8, 2, 0, 0, 0, 1, 2, 3]);

        var loaded = await store.LoadAsync(CancellationToken.None);

        loaded.Should().BeNull();
        _logs.All.Should().Contain("Ignoring the state file").And.Contain(store.FilePath!).And.Contain("checksum");
    }

    [Fact]
    public async Task The_state_file_is_private_to_the_exporters_user()
    {
        if (OperatingSystem.IsWindows())
            return;
        var store = new ModelStore(Path.Combine(_state, "new", "state"), "acme", _time, NullLogger<ModelStore>.Instance);

        await store.SaveAsync(Model(Devices.Make("a")), CancellationToken.None);

        File.GetUnixFileMode(store.FilePath!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        new DirectoryInfo(Path.GetDirectoryName(store.FilePath)!).UnixFileMode.Should()
            .NotHaveFlag(UnixFileMode.GroupRead).And.NotHaveFlag(UnixFileMode.OtherRead);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private const string WholeDevice = "{\"id\":\"x\",\"status\":\"s\",\"severity\":\"s\",\"group\":\"g\",\"name\":\"\","
        + "\"device_type\":\"\","
        + "\"os_family\":\"\",\"agent_version\":\"\",\"changed_at\":\"2026-11-23T12:00:00Z\"}";

    private static SavedModel Model(params Device[] devices) => new(new SyncCheckpoint(T0, Gap: false), devices);

    private ModelStore Store(string account = "acme") =>
        new(_state, account, _time, LoggerFactory.Create(b => b.AddProvider(_logs)).CreateLogger<ModelStore>());
}
