using MetaAccessExporter.DeploymentTests.Support;
using YamlDotNet.RepresentationModel;

namespace MetaAccessExporter.DeploymentTests;

/// <summary>deploy/kubernetes, checked structurally, and built with kubectl kustomize.</summary>
public sealed class KubernetesTests
{
    private static readonly string Dir = RepositoryPaths.PathOf("deploy", "kubernetes");

    private readonly YamlMappingNode _kustomization = Yaml.LoadSingle(Path.Combine(Dir, "kustomization.yaml"));

    private List<YamlMappingNode> Resources() =>
        _kustomization.Get("resources").Items().Select(r => r.Str()!)
            .SelectMany(r => Yaml.LoadDocuments(Path.Combine(Dir, r)))
            .ToList();

    private YamlMappingNode One(string kind) =>
        Resources().Should().ContainSingle(r => r.Str("kind") == kind, $"kustomization.yaml lists one {kind}").Which;

    private YamlNode Container() =>
        One("Deployment").At("spec", "template", "spec", "containers").Items()
            .Should().ContainSingle().Which;

    [Fact]
    public void Every_listed_resource_exists_and_is_a_kubernetes_object()
    {
        var listed = _kustomization.Get("resources").Items().Select(r => r.Str()!).ToList();
        listed.Should().OnlyHaveUniqueItems();
        foreach (var file in listed)
        {
            File.Exists(Path.Combine(Dir, file)).Should().BeTrue($"kustomization.yaml lists {file}");
            foreach (var document in Yaml.LoadDocuments(Path.Combine(Dir, file)))
            {
                document.Str("apiVersion").Should().NotBeNullOrEmpty(file);
                document.Str("kind").Should().NotBeNullOrEmpty(file);
                document.Str("metadata", "name").Should().NotBeNullOrEmpty(file);
            }
        }

        Resources().Select(r => r.Str("kind")).Should().BeEquivalentTo(
            ["Deployment", "PersistentVolumeClaim", "Service", "ServiceMonitor", "PrometheusRule"]);
        listed.Should().NotContain(f => f.Contains("secret", StringComparison.OrdinalIgnoreCase),
            "applying the folder must never overwrite real credentials with the example");
    }

    [Fact]
    public void Every_yaml_file_in_the_folder_is_used_or_an_example()
    {
        var listed = _kustomization.Get("resources").Items().Select(r => r.Str()!).Append("kustomization.yaml").ToHashSet();
        foreach (var file in Directory.EnumerateFiles(Dir, "*.y*ml").Select(Path.GetFileName))
        {
            (listed.Contains(file!) || file!.Contains(".example.", StringComparison.Ordinal))
                .Should().BeTrue($"{file} is either a resource or an example");
        }
    }

    [Fact]
    public void Deployment_runs_one_replica_and_recreates_it()
    {
        var deployment = One("Deployment");
        deployment.Str("spec", "replicas").Should().Be("1");
        deployment.Str("spec", "strategy", "type").Should().Be("Recreate");
        var text = File.ReadAllText(Path.Combine(Dir, "deployment.yaml"));
        text.Should().Contain("budget", "the manifest says why a second replica would hurt");
    }

    [Fact]
    public void Deployment_probes_healthz_and_readyz_on_the_container_port()
    {
        var container = Container();
        container.Str("livenessProbe", "httpGet", "path").Should().Be("/healthz");
        container.Str("readinessProbe", "httpGet", "path").Should().Be("/readyz");
        var port = container.Get("ports").Items().Should().ContainSingle().Which;
        port.Str("containerPort").Should().Be("9713");
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            var probePort = container.Str(probe, "httpGet", "port");
            if (probePort is not null)
            {
                probePort.Should().BeOneOf(port.Str("name"), port.Str("containerPort"));
            }
        }
    }

    [Fact]
    public void Deployment_runs_as_the_images_non_root_user_without_privileges()
    {
        var pod = One("Deployment").At("spec", "template", "spec");
        pod.Str("securityContext", "runAsNonRoot").Should().Be("true");
        pod.Str("securityContext", "runAsUser").Should().Be("1654", "the aspnet images' app user, which owns the state folder");
        var container = Container();
        container.Str("securityContext", "allowPrivilegeEscalation").Should().Be("false");
        container.Str("securityContext", "readOnlyRootFilesystem").Should().Be("true");
    }

    [Fact]
    public void State_lives_on_the_claim_at_the_images_state_path()
    {
        var pod = One("Deployment").At("spec", "template", "spec");
        var claim = One("PersistentVolumeClaim");
        var volume = pod.Get("volumes").Items().Single(v => v.Get("persistentVolumeClaim") is not null);
        volume.Str("persistentVolumeClaim", "claimName").Should().Be(claim.Str("metadata", "name"));
        var mount = Container().Get("volumeMounts").Items().Single(m => m.Str("name") == volume.Str("name"));
        mount.Str("mountPath").Should().Be("/var/lib/metaaccess-exporter");
        Env().Should().Contain("Exporter__StatePath", "/var/lib/metaaccess-exporter");
        claim.Get("spec").Get("accessModes").Items().Select(m => m.Str()).Should().Equal("ReadWriteOnce");
    }

    [Fact]
    public void Credentials_come_from_the_secret_the_example_defines()
    {
        var secret = Yaml.LoadSingle(Path.Combine(Dir, "secret.example.yaml"));
        secret.Str("kind").Should().Be("Secret");
        var secretName = secret.Str("metadata", "name");
        var keys = secret.Get("stringData").Entries().Concat(secret.Get("data").Entries()).Select(e => e.Key).ToHashSet();

        var container = Container();
        var pod = One("Deployment").At("spec", "template", "spec");
        var used = new List<string>();
        foreach (var env in container.Get("env").Items().Where(e => e.At("valueFrom", "secretKeyRef") is not null))
        {
            env.Str("valueFrom", "secretKeyRef", "name").Should().Be(secretName);
            used.Add(env.Str("valueFrom", "secretKeyRef", "key")!);
        }

        foreach (var volume in pod.Get("volumes").Items().Where(v => v.Get("secret") is not null))
        {
            volume.Str("secret", "secretName").Should().Be(secretName);
            var mountPath = container.Get("volumeMounts").Items().Single(m => m.Str("name") == volume.Str("name")).Str("mountPath");
            foreach (var item in volume.At("secret", "items").Items())
            {
                used.Add(item.Str("key")!);
                var file = $"{mountPath}/{item.Str("path")}";
                Env().Values.Should().Contain(file, $"a *File setting reads the mounted {item.Str("key")}");
            }
        }

        used.Should().NotBeEmpty().And.OnlyContain(k => keys.Contains(k), "every key the Deployment reads is in the example Secret");
        Env().Keys.Should().Contain(k => k.StartsWith("MetaAccess__", StringComparison.Ordinal)
            && (k.Contains("Secret", StringComparison.Ordinal) || k.Contains("Token", StringComparison.Ordinal)));
        Env().Keys.Should().NotContain("MetaAccess__ClientSecret", "the secret itself travels as a file, not in the environment");
    }

    [Fact]
    public void The_secret_volume_is_readable_through_the_exporters_own_group_and_never_by_others()
    {
        var pod = One("Deployment").At("spec", "template", "spec");
        var volume = pod.Get("volumes").Items().Single(v => v.Get("secret") is not null);
        var text = volume.Str("secret", "defaultMode")!;
        // YAML 1.1, as Kubernetes reads it: a leading 0 makes the number octal.
        int mode = text.StartsWith('0') ? Convert.ToInt32(text, 8) : int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        (mode & 0b000_000_111).Should().Be(0, "a secret volume's files are 0644 unless told otherwise, readable by every user");
        mode.Should().Be(0b100_100_000, "0440: the kubelet adds group read for fsGroup anyway, and the exporter reads through it");
        pod.Str("securityContext", "fsGroup").Should().Be(pod.Str("securityContext", "runAsGroup"),
            "the group the files are handed to is the exporter's own");
    }

    [Fact]
    public void Service_exposes_the_container_port_as_http_metrics_to_the_pods()
    {
        var service = One("Service");
        var servicePort = service.Get("spec").Get("ports").Items().Should().ContainSingle().Which;
        servicePort.Str("name").Should().Be("http-metrics");
        servicePort.Str("port").Should().Be("9713");
        var containerPort = Container().Get("ports").Items().Single();
        servicePort.Str("targetPort").Should().BeOneOf(containerPort.Str("name"), containerPort.Str("containerPort"));

        var podLabels = One("Deployment").At("spec", "template", "metadata", "labels").StringMap();
        service.At("spec", "selector").StringMap().Should().NotBeEmpty().And.Subject.Should().BeSubsetOf(podLabels);
        One("Deployment").At("spec", "selector", "matchLabels").StringMap().Should().BeSubsetOf(podLabels);
    }

    [Fact]
    public void ServiceMonitor_selects_the_service_and_scrapes_both_endpoints()
    {
        var monitor = One("ServiceMonitor");
        var service = One("Service");
        var serviceLabels = service.At("metadata", "labels").StringMap();
        monitor.At("spec", "selector", "matchLabels").StringMap().Should().NotBeEmpty().And.Subject.Should().BeSubsetOf(serviceLabels);

        var endpoints = monitor.At("spec", "endpoints").Items().ToList();
        endpoints.Select(e => e.Str("path")).Should().BeEquivalentTo(["/metrics", "/metrics/devices"]);
        endpoints.Select(e => e.Str("port")).Should().AllBe(service.Get("spec").Get("ports").Items().Single().Str("name"));

        // Both endpoints share a pod and port: without distinct job labels their `up` series collide.
        var jobs = endpoints
            .Select(e => e.Get("relabelings").Items().Single(r => r.Str("targetLabel") == "job").Str("replacement"))
            .ToList();
        jobs.Should().OnlyHaveUniqueItems().And.OnlyContain(j => j!.Contains("metaaccess", StringComparison.Ordinal));

        var compose = Yaml.LoadSingle(RepositoryPaths.PathOf("deploy", "compose", "prometheus.yml"));
        var composeJobs = compose.Get("scrape_configs").Items()
            .Select(j => j.Str("job_name"))
            .Where(j => j!.Contains("metaaccess", StringComparison.Ordinal));
        jobs.Should().BeEquivalentTo(composeJobs, "dashboards and alerts see the same job names in compose and on Kubernetes");
    }

    [RequiresToolsFact("kubectl")]
    public async Task Kustomize_builds_the_folder()
    {
        // kubectl ships with this project's machine image, so CI requires it like any other tool.
        var kubectl = Tools.Require("kubectl");

        var result = await ToolRun.RunAsync(kubectl, ["kustomize", Dir], timeout: TimeSpan.FromMinutes(1));

        result.ExitCode.Should().Be(0, result.ToString());
        var built = new YamlStream();
        built.Load(new StringReader(result.Stdout));
        built.Documents.Select(d => d.RootNode.Str("kind")).Should().BeEquivalentTo(
            ["Deployment", "PersistentVolumeClaim", "Service", "ServiceMonitor", "PrometheusRule"]);
        built.Documents.Should().OnlyContain(d => d.RootNode.Str("metadata", "namespace") == _kustomization.Str("namespace"));
    }

    private Dictionary<string, string> Env() =>
        Container().Get("env").Items().Where(e => e.Get("value") is not null)
            .ToDictionary(e => e.Str("name")!, e => e.Str("value")!);
}
