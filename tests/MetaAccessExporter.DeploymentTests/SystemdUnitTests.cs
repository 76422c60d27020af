using System.Globalization;
using MetaAccessExporter.Hosting;
using MetaAccessExporter.TestSupport;

namespace MetaAccessExporter.DeploymentTests;

/// <summary>deploy/systemd: the unit starts the exporter with options it accepts, where its state is kept, hardened.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string Unit = RepositoryPaths.PathOf("deploy", "systemd", "metaaccess-exporter.service");

    [Fact]
    public void The_command_line_is_one_the_exporter_accepts_and_keeps_its_state_in_the_state_directory()
    {
        var service = Section("Service");
        var exec = service["ExecStart"].Single().Split(' ', StringSplitOptions.RemoveEmptyEntries);

        exec[0].Should().Be("/usr/bin/dotnet");
        var cli = CommandLine.Parse(exec[2..]);
        cli.ConfigurationArgs.Should().Contain($"--Exporter:StatePath=/var/lib/{service["StateDirectory"].Single()}");
        service["StateDirectoryMode"].Should().Equal("0700");
    }

    [Fact]
    public void Systemd_is_told_when_the_exporter_is_ready_and_waits_for_its_shutdown_save()
    {
        var service = Section("Service");

        service["Type"].Should().Equal(["notify"], "the host uses UseSystemd, which sends READY=1");
        TimeSpan.FromSeconds(int.Parse(service["TimeoutStopSec"].Single().TrimEnd('s'), CultureInfo.InvariantCulture))
            .Should().BeGreaterThan(TimeSpan.FromSeconds(8), "the exporter takes up to 8 s to finish a page and save");
    }

    [Fact]
    public void The_service_is_hardened_without_breaking_the_jit()
    {
        var service = Section("Service");

        foreach (var (key, value) in new[]
        {
            ("DynamicUser", "yes"), ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("ProtectHome", "yes"),
            ("PrivateTmp", "yes"), ("PrivateDevices", "yes"), ("RestrictNamespaces", "yes"), ("UMask", "0077"),
        })
            service.Should().ContainKey(key).WhoseValue.Should().Equal(value);
        service.Should().NotContainKey("MemoryDenyWriteExecute", "the .NET JIT needs memory it can write, then run");
        service["LoadCredential"].Single().Should().StartWith("client_secret:");
        service["ExecStart"].Single().Should().Contain("--MetaAccess:ClientSecretFile=${CREDENTIALS_DIRECTORY}/client_secret");
    }

    /// <summary>One section's keys and their values (a key may repeat), with backslash continuations joined.</summary>
    private static Dictionary<string, List<string>> Section(string name)
    {
        var text = File.ReadAllText(Unit).Replace("\\\n", " ", StringComparison.Ordinal);
        var keys = new Dictionary<string, List<string>>();
        string? current = null;
        foreach (var line in text.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith('['))
                current = line.Trim('[', ']');
            else if (current == name && line.Length > 0 && line[0] != '#' && line.Split('=', 2) is [var key, var value])
                (keys.TryGetValue(key, out var values) ? values : keys[key] = []).Add(value.Trim());
        }
        return keys;
    }
}
