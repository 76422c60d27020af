using MetaAccessExporter.DeploymentTests.Support;
using YamlDotNet.RepresentationModel;

namespace MetaAccessExporter.DeploymentTests;

/// <summary>deploy/compose: what it mounts exists, and its Prometheus config is valid and complete.</summary>
public sealed class ComposeTests(ITestOutputHelper output)
{
    private static readonly string ComposeDir = RepositoryPaths.PathOf("deploy", "compose");

    private readonly YamlMappingNode _compose = Yaml.LoadSingle(Path.Combine(ComposeDir, "docker-compose.yml"));

    private YamlNode Service(string name) =>
        _compose.At("services", name) ?? throw new InvalidOperationException($"no service {name} in docker-compose.yml");

    private static IEnumerable<(string Source, string Target)> BindMounts(YamlNode service)
    {
        foreach (var volume in service.Get("volumes").Items())
        {
            string? source;
            string? target;
            if (volume is YamlScalarNode scalar)
            {
                var parts = scalar.Value!.Split(':');
                (source, target) = (parts[0], parts.Length > 1 ? parts[1] : null);
            }
            else
            {
                (source, target) = (volume.Str("source"), volume.Str("target"));
            }

            if (source is not null && target is not null && (source.StartsWith('.') || source.StartsWith('/')))
            {
                yield return (source, target);
            }
        }
    }

    [Fact]
    public void Has_the_exporter_prometheus_alertmanager_and_grafana()
    {
        _compose.Get("services").Entries().Select(e => e.Key)
            .Should().Contain(["exporter", "prometheus", "alertmanager", "grafana"]);
    }

    [Fact]
    public void Every_file_and_folder_it_mounts_or_builds_from_exists()
    {
        var checkedPaths = 0;
        foreach (var (name, service) in _compose.Get("services").Entries())
        {
            foreach (var (source, target) in BindMounts(service))
            {
                var full = Path.GetFullPath(Path.Combine(ComposeDir, source));
                (File.Exists(full) || Directory.Exists(full)).Should().BeTrue(
                    $"service {name} mounts {source} (at {target}), resolved to {full}");
                checkedPaths++;
            }

            var context = service.At("build", "context").Str() ?? service.Get("build").Str();
            if (context is not null)
            {
                var dockerfile = service.At("build", "dockerfile").Str() ?? "Dockerfile";
                File.Exists(Path.Combine(ComposeDir, context, dockerfile)).Should().BeTrue($"service {name} builds {context}/{dockerfile}");
            }

            foreach (var envFile in service.Get("env_file").Items())
            {
                var path = envFile.Str() ?? envFile.Str("path");
                var required = envFile.Str("required") != "false";
                if (required)
                {
                    File.Exists(Path.Combine(ComposeDir, path!)).Should().BeTrue($"service {name} requires env file {path}");
                }
            }
        }

        checkedPaths.Should().BeGreaterThanOrEqualTo(5);
        File.Exists(Path.Combine(ComposeDir, ".env.example")).Should().BeTrue("the real-account switch is documented by example");
    }

    [Fact]
    public void Mounts_the_shipped_alerts_alertmanager_config_dashboards_and_provisioning()
    {
        var mounts = _compose.Get("services").Entries()
            .SelectMany(s => BindMounts(s.Value).Select(m => (Service: s.Key, Source: HostPath(m.Source))))
            .ToList();
        mounts.Should().Contain(("prometheus", RepositoryPaths.Alerts));
        mounts.Should().Contain(("prometheus", Path.Combine(ComposeDir, "prometheus.yml")));
        mounts.Should().Contain(("alertmanager", RepositoryPaths.AlertmanagerConfig));
        mounts.Should().Contain(("grafana", RepositoryPaths.PathOf("deploy", "grafana", "provisioning")));
        mounts.Should().Contain(("grafana", RepositoryPaths.Dashboards));
    }

    [Fact]
    public void Exporter_runs_the_demo_unless_the_env_file_says_otherwise()
    {
        var exporter = Service("exporter");
        exporter.Get("command").Str().Should().Be("${EXPORTER_ARGS:---demo}");
        exporter.Get("env_file").Items().Select(e => e.Str() ?? e.Str("path")).Should().Contain(".env");
        exporter.Get("volumes").Items().Select(v => v.Str())
            .Should().Contain(v => v!.EndsWith(":/var/lib/metaaccess-exporter", StringComparison.Ordinal));
        exporter.Get("ports").Items().Select(p => p.Str()).Should().Contain(p => p!.EndsWith(":9713", StringComparison.Ordinal));

        var example = File.ReadAllLines(Path.Combine(ComposeDir, ".env.example"));
        var settings = example.Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)])
            .ToList();
        settings.Should().Contain("EXPORTER_ARGS", "setting it replaces --demo");
        settings.Should().Contain(s => s.StartsWith("MetaAccess__", StringComparison.Ordinal), "credentials travel as configuration keys");
        example.Where(l => l.StartsWith("EXPORTER_ARGS=", StringComparison.Ordinal))
            .Should().NotContain(l => l.Contains("--demo", StringComparison.Ordinal));
    }

    [Fact]
    public void Prometheus_scrapes_both_exporter_endpoints_at_the_exporter_service()
    {
        var prometheus = Yaml.LoadSingle(Path.Combine(ComposeDir, "prometheus.yml"));
        var exporterTargets = prometheus.Get("scrape_configs").Items()
            .Where(job => job.Get("static_configs").Items().SelectMany(s => s.Get("targets").Items()).Any(t => t.Str() == "exporter:9713"))
            .ToList();
        exporterTargets.Select(job => job.Str("metrics_path") ?? "/metrics").Should().BeEquivalentTo(["/metrics", "/metrics/devices"]);
        exporterTargets.Select(job => job.Str("job_name")).Should().OnlyHaveUniqueItems()
            .And.OnlyContain(j => j!.Contains("metaaccess", StringComparison.Ordinal), "the alerts recognise exporter jobs by name");

        prometheus.Get("alerting").At("alertmanagers").Items()
            .SelectMany(a => a.Get("static_configs").Items()).SelectMany(s => s.Get("targets").Items())
            .Select(t => t.Str()).Should().Contain("alertmanager:9093");
    }

    [Fact]
    public void Prometheus_loads_every_shipped_rule_file()
    {
        var prometheus = Yaml.LoadSingle(Path.Combine(ComposeDir, "prometheus.yml"));
        var ruleGlobs = prometheus.Get("rule_files").Items().Select(r => r.Str()!).ToList();
        var shipped = Directory.Exists(RepositoryPaths.Alerts)
            ? Directory.EnumerateFiles(RepositoryPaths.Alerts, "*.y*ml").Select(Path.GetFileName).ToList()
            : [];
        foreach (var file in shipped)
        {
            ruleGlobs.Should().Contain(g => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(
                Path.GetFileName(g), file!), $"alerts/{file} is loaded by a rule_files entry");
        }
    }

    [RequiresToolsFact("promtool")]
    public async Task Prometheus_config_passes_promtool_check_config()
    {
        var promtool = Tools.Require("promtool");

        // Lay the files out as the prometheus container sees them, under a temporary root, and
        // point the config's container paths there.
        var root = Directory.CreateTempSubdirectory("metaaccess-compose-").FullName;
        try
        {
            var mounts = BindMounts(Service("prometheus")).ToList();
            foreach (var (source, target) in mounts)
            {
                var from = Path.GetFullPath(Path.Combine(ComposeDir, source));
                var to = root + target;
                if (Directory.Exists(from))
                {
                    CopyDirectory(from, to);
                }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(from, to);
                }
            }

            var configTarget = mounts.Single(m => m.Source == "./prometheus.yml").Target;
            var config = File.ReadAllText(root + configTarget);
            foreach (var (_, target) in mounts.Where(m => Directory.Exists(Path.Combine(ComposeDir, m.Source))))
            {
                config = config.Replace(target, root + target, StringComparison.Ordinal);
            }

            File.WriteAllText(root + configTarget, config);
            var result = await ToolRun.RunAsync(promtool, ["check", "config", root + configTarget], timeout: TimeSpan.FromMinutes(1));
            output.WriteLine(result.Output);
            result.ExitCode.Should().Be(0, result.ToString());
            if (Directory.Exists(RepositoryPaths.Alerts) && Directory.EnumerateFiles(RepositoryPaths.Alerts, "*.yml").Any())
            {
                result.Output.Should().NotContain(" 0 rule files found", "the shipped alerts are loaded");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Grafana_provisioning_points_at_the_mounted_dashboards_and_the_prometheus_service()
    {
        var provisioning = RepositoryPaths.PathOf("deploy", "grafana", "provisioning");
        Directory.Exists(provisioning).Should().BeTrue("compose mounts deploy/grafana/provisioning into Grafana");

        var grafanaMounts = BindMounts(Service("grafana")).ToList();
        var dashboardsTarget = grafanaMounts.Single(m => HostPath(m.Source) == RepositoryPaths.Dashboards).Target;
        var dashboardProviders = Files(Path.Combine(provisioning, "dashboards")).ToList();
        dashboardProviders.Should().NotBeEmpty("Grafana is provisioned with the shipped dashboards");
        foreach (var file in dashboardProviders)
        {
            foreach (var provider in Yaml.LoadSingle(file).Get("providers").Items())
            {
                provider.Str("options", "path").Should().StartWith(dashboardsTarget.TrimEnd('/'),
                    $"{Path.GetFileName(file)} reads dashboards where compose mounts ../../dashboards");
            }
        }

        var services = _compose.Get("services").Entries().Select(e => e.Key).ToHashSet();
        var datasources = Files(Path.Combine(provisioning, "datasources")).ToList();
        datasources.Should().NotBeEmpty("Grafana is provisioned with the Prometheus datasource");
        foreach (var file in datasources)
        {
            var sources = Yaml.LoadSingle(file).Get("datasources").Items().Where(d => d.Str("type") is "prometheus" or "alertmanager");
            foreach (var source in sources)
            {
                // Grafana expands ${VAR} and ${VAR:-default} from its environment; compose sets none.
                var raw = System.Text.RegularExpressions.Regex.Replace(
                    source.Str("url")!, @"\$\{[A-Za-z0-9_]+(?::-([^}]*))?\}", m => m.Groups[1].Value);
                var url = new Uri(raw);
                services.Should().Contain(url.Host, $"datasource {source.Str("name")} reaches a service of the stack");
            }
        }
    }

    private static IEnumerable<string> Files(string dir) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir)
                .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            : [];

    /// <summary>A compose bind mount's source, relative to deploy/compose, as a full path.</summary>
    private static string HostPath(string source) => Path.GetFullPath(Path.Combine(ComposeDir, source));

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
