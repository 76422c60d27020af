using System.Diagnostics;
using System.Runtime.Versioning;
using MetaAccessExporter.Api.Tokens;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Api;

/// <summary>
/// A secret file others can read is said once as a Warning, naming the file and its mode and never its
/// contents. Real files, real modes; the exporter's own user is whoever runs the tests.
/// </summary>
public sealed class SecretFilePermissionTests : IDisposable
{
    private const string Contents = "TOP-SECRET-CONTENTS";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly string _dir = Directory.CreateTempSubdirectory("metaaccess-secret-files-").FullName;
    private readonly CapturedLogs _logs = new();

    [Theory]
    [InlineData("MetaAccess:AccessTokenFile")]
    [InlineData("MetaAccess:ClientSecretFile")]
    public async Task A_secret_file_every_user_can_read_is_a_warning_naming_the_file_and_its_mode_but_not_the_secret(string key)
    {
        if (OperatingSystem.IsWindows())
            return;
        var file = FileWithMode(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _server.Given(Request.Create().WithPath("/o/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"access_token":"{{Contents}}","expires_in":3600}"""));
        _server.Given(Request.Create().WithPath(PageJson.Path)).RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson.Empty));
        using var api = new ApiHarness(_server.Url!, o =>
        {
            o.AccessToken = null;
            if (key == "MetaAccess:AccessTokenFile")
            {
                o.AccessTokenFile = file;
            }
            else
            {
                o.ClientId = "client";
                o.ClientSecretFile = file;
            }
        }, logs: _logs);

        await api.StatusChanged.GetPageAsync(DateTimeOffset.UtcNow.AddMinutes(-1), 1, 50, CancellationToken.None);

        var warning = _logs.Lines.Should().ContainSingle(l => l.StartsWith("Warning", StringComparison.Ordinal)).Which;
        warning.Should().Contain($"{key} {file} can be read by every user").And.Contain("(mode 0644)")
            .And.Contain("chmod it 0400 or 0600");
        _logs.All.Should().NotContain(Contents);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    public void A_secret_file_only_its_owner_can_read_is_read_without_a_word(UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
            return;

        Reader(FileWithMode(mode)).Read().Should().Be(Contents);

        _logs.Lines.Should().BeEmpty();
    }

    [Fact]
    public void A_group_readable_file_owned_by_the_exporters_user_is_a_warning_since_the_group_grant_serves_only_others()
    {
        if (OperatingSystem.IsWindows())
            return;

        Reader(FileWithMode(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)).Read();

        _logs.All.Should().Contain("can be read by its group").And.Contain("(mode 0640)");
    }

    [Fact]
    public void Through_kubernetes_links_the_real_files_mode_counts_and_the_warning_names_it()
    {
        if (OperatingSystem.IsWindows())
            return;
        // What the kubelet mounts: key -> ..data/key, ..data -> a timestamped directory holding the file.
        var volume = Directory.CreateDirectory(Path.Combine(_dir, "volume")).FullName;
        var version = Directory.CreateDirectory(Path.Combine(volume, "..2026_11_24_10_00_00.123456789")).FullName;
        var real = Path.Combine(version, "client-secret");
        File.WriteAllText(real, Contents);
        File.CreateSymbolicLink(Path.Combine(volume, "..data"), Path.GetFileName(version));
        var mounted = File.CreateSymbolicLink(Path.Combine(volume, "client-secret"), Path.Combine("..data", "client-secret")).FullName;
        var reader = Reader(mounted);

        File.SetUnixFileMode(real, UnixFileMode.UserRead);
        reader.Read().Should().Be(Contents);
        _logs.Lines.Should().BeEmpty("the links are 0777 as every link is, but the file behind them is 0400");

        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        reader.Read();
        _logs.All.Should().Contain($"{mounted} (a link to {Path.Combine(volume, "..data", "client-secret")}) can be read by every user")
            .And.Contain("(mode 0644)");
    }

    [Fact]
    public void The_warning_is_given_once_and_again_only_when_the_mode_changes()
    {
        if (OperatingSystem.IsWindows())
            return;
        var file = FileWithMode(UnixFileMode.UserRead | UnixFileMode.OtherRead);
        var reader = Reader(file);

        reader.Read();
        reader.Read();
        _logs.Lines.Should().ContainSingle("a token renewal every hour must not repeat it");

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        reader.Read();
        _logs.Lines.Should().HaveCount(2).And.Contain(l => l.Contains("(mode 0444)", StringComparison.Ordinal));

        File.SetUnixFileMode(file, UnixFileMode.UserRead);
        reader.Read();
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.OtherRead);
        reader.Read();
        _logs.Lines.Should().HaveCount(3, "a file that was fixed and opened up again is said again");
    }

    [Theory]
    [InlineData("0644", 0u, 1654u, "every user")]
    [InlineData("0604", 1654u, 1654u, "every user")]
    [InlineData("0640", 1654u, 1654u, "its group")]
    [InlineData("0440", 0u, 0u, "its group")]
    [InlineData("0440", null, 1654u, "its group")]
    [InlineData("0440", 0u, 1654u, null)]
    [InlineData("0640", 0u, 1000u, null)]
    [InlineData("0600", 1654u, 1654u, null)]
    [InlineData("0400", 0u, 0u, null)]
    public void Others_are_every_user_with_others_read_and_the_group_unless_the_exporter_reads_through_it(
        string mode, uint? owner, uint? user, string? readers) =>
        SecretFileExposure.ReadersOf((UnixFileMode)Convert.ToInt32(mode, 8), owner, user).Should().Be(readers,
            "0440 owned by root and read by the pod's user is how Kubernetes shares a secret with an fsGroup");

    [Fact]
    public void The_owner_of_a_file_is_read_from_the_file_system()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var file = FileWithMode(UnixFileMode.UserRead);

        UnixIdentity.OwnerOf(file).Should().Be(UnixIdentity.EffectiveUser).And.NotBeNull();
        if (UnixIdentity.EffectiveUser != 0)
            return;
        using (var chown = Process.Start("chown", ["4242:4343", file]))
            chown.WaitForExit();
        UnixIdentity.OwnerOf(file).Should().Be(4242u, "the owner, not the group (4343)");
        UnixIdentity.OwnerOf(Path.Combine(_dir, "missing")).Should().BeNull();
    }

    public void Dispose()
    {
        _server.Stop();
        Directory.Delete(_dir, recursive: true);
    }

    [UnsupportedOSPlatform("windows")]
    private string FileWithMode(UnixFileMode mode)
    {
        var file = Path.Combine(_dir, $"secret-{Guid.NewGuid():N}");
        File.WriteAllText(file, Contents + "\n");
        File.SetUnixFileMode(file, mode);
        return file;
    }

    private SecretFile Reader(string path) => new(path, "MetaAccess:ClientSecretFile", _logs.CreateLogger("SecretFile"));
}
