using System.Text.RegularExpressions;
using System.Xml.Linq;
using MetaAccessExporter.DeploymentTests.Support;

namespace MetaAccessExporter.DeploymentTests;

/// <summary>What the Dockerfile says, read without a Docker engine.</summary>
public sealed class DockerfileTests
{
    private const string StatePath = "/var/lib/metaaccess-exporter";

    private readonly Dockerfile _dockerfile = Dockerfile.Load(RepositoryPaths.PathOf("Dockerfile"));

    private int Final => _dockerfile.FinalStage.Index;

    [Fact]
    public void Builds_with_the_SDK_and_runs_on_the_ASP_NET_runtime_image()
    {
        _dockerfile.Stages.Should().HaveCountGreaterThanOrEqualTo(2, "the image is built in one stage and run from another");
        _dockerfile.Stages[0].BaseImage.Should().StartWith("mcr.microsoft.com/dotnet/sdk:10.0");
        _dockerfile.FinalStage.BaseImage.Should().StartWith("mcr.microsoft.com/dotnet/aspnet:10.0");
        _dockerfile.All("RUN", Final).Should().BeEmpty("the runtime image may have no shell (chiseled) and needs none");
    }

    [Fact]
    public void Runs_as_a_non_root_user_that_owns_the_state_volume()
    {
        var user = _dockerfile.Last("USER", Final);
        user.Should().NotBeNull("the final stage must switch away from root");
        var uid = user!.Arguments.Split(':')[0];
        new[] { "root", "0", string.Empty }.Should().NotContain(uid, "the image must not run as root");
        if (uid.StartsWith('$'))
        {
            uid.Should().BeOneOf("$APP_UID", "${APP_UID}", "the aspnet images define APP_UID for their non-root user");
            uid = "1654";
        }

        uid.Should().MatchRegex("^[0-9]+$", "Kubernetes can only enforce runAsNonRoot on a numeric USER");

        _dockerfile.All("VOLUME", Final).Select(v => v.Arguments.Trim('[', ']', '"', ' '))
            .Should().ContainSingle().Which.Should().Be(StatePath);

        // The directory behind the volume must be created owned by that user (no shell to chown it
        // in the chiseled image, so a COPY --chown from the build stage).
        var owners = _dockerfile.All("COPY", Final).Concat(_dockerfile.All("ADD", Final))
            .Where(c => c.Arguments.TrimEnd('/').EndsWith(StatePath, StringComparison.Ordinal))
            .Select(c => Regex.Match(c.Arguments, @"--chown=(\S+)").Groups[1].Value.Split(':')[0])
            .ToList();
        owners.Should().ContainSingle($"one COPY creates {StatePath} for the volume")
            .Which.Should().BeOneOf(uid, "$APP_UID", "${APP_UID}", "app");

        var finalSteps = _dockerfile.Instructions.Where(i => i.Stage == Final).ToList();
        finalSteps.FindIndex(i => i.Keyword == "USER").Should().BeGreaterThan(
            finalSteps.FindLastIndex(i => i.Keyword is "COPY" or "ADD"), "nothing after USER needs root");
    }

    [Fact]
    public void Listens_on_9713_and_keeps_state_under_the_volume()
    {
        _dockerfile.All("EXPOSE", Final).SelectMany(e => e.Arguments.Split(' '))
            .Should().Contain(p => p == "9713" || p == "9713/tcp");

        var env = _dockerfile.All("ENV", Final).SelectMany(e => Dockerfile.KeyValues(e.Arguments))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        env.Should().Contain("ASPNETCORE_URLS", "http://+:9713");
        env.Should().Contain("Exporter__StatePath", StatePath);
    }

    [Fact]
    public void Has_a_healthcheck_that_needs_no_shell_or_curl()
    {
        var healthcheck = _dockerfile.Last("HEALTHCHECK", Final);
        healthcheck.Should().NotBeNull();
        var cmd = healthcheck!.Arguments[(healthcheck.Arguments.IndexOf("CMD", StringComparison.Ordinal) + 3)..];
        var words = Dockerfile.ExecForm(cmd);
        words.Should().NotBeNull("the exec form runs without /bin/sh, which the chiseled image lacks");
        words!.Should().StartWith(EntryPoint()).And.Contain("--probe");
        healthcheck.Arguments.Should().MatchRegex(@"--interval=\S+").And.MatchRegex(@"--timeout=\S+");
    }

    [Fact]
    public void Entrypoint_runs_the_exporter_dll_from_the_working_directory()
    {
        EntryPoint().Should().Equal("dotnet", "MetaAccessExporter.dll");
        _dockerfile.Last("WORKDIR", Final)!.Arguments.Should().Be("/app");
        _dockerfile.All("CMD", Final).Should().BeEmpty("arguments (--demo, --Key=value) are the user's to give");
    }

    [Fact]
    public void Carries_the_OCI_labels()
    {
        var labels = _dockerfile.All("LABEL", Final).SelectMany(l => Dockerfile.KeyValues(l.Arguments))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var key in new[] { "title", "description", "version", "revision", "created", "source" })
        {
            labels.Should().ContainKey($"org.opencontainers.image.{key}");
            labels[$"org.opencontainers.image.{key}"].Should().NotBeNullOrWhiteSpace();
        }

        labels["org.opencontainers.image.version"].Should().Be("${VERSION}");
        _dockerfile.ArgDefaults(Final)["VERSION"]
            .Should().Be(ProjectVersion(), "the label defaults to the version in Directory.Build.props");
    }

    [Fact]
    public void Has_exactly_one_publish_command_and_copies_its_output_into_the_runtime_image()
    {
        var publish = _dockerfile.All("RUN").Where(r => r.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).ToList();
        publish.Should().ContainSingle();
        publish[0].Arguments.Should().NotContain("&&", "one command per RUN, so tests can run it as it stands");
        var words = Dockerfile.ShellWords(publish[0].Arguments);
        words.Should().Contain("src/MetaAccessExporter/MetaAccessExporter.csproj");
        words.Should().Contain("Release");
        var output = OutputOf(words);
        output.Should().NotBeNull("the publish command names its output folder (-o)");

        _dockerfile.All("COPY", Final)
            .Should().Contain(
                c => c.Arguments.Contains("--from=", StringComparison.Ordinal) && c.Arguments.Contains(output!, StringComparison.Ordinal),
                "the runtime stage copies the published output");
    }

    [Fact]
    public void Restores_in_its_own_layer_before_the_sources_are_copied()
    {
        var build = _dockerfile.All("RUN").First(r => r.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).Stage;
        var steps = _dockerfile.Instructions.Where(i => i.Stage == build).ToList();
        var restore = steps.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        restore.Should().BeGreaterThan(0, "a RUN dotnet restore caches the packages");
        var copiedBeforeRestore = steps.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(CopySources).ToList();

        // Everything restore reads: the central props and every project the exporter references.
        foreach (var needed in RestoreInputs())
        {
            copiedBeforeRestore.Should().Contain(needed, $"restore needs {needed}, and copying it alone keeps the restore layer cached");
        }

        copiedBeforeRestore.Should().NotContain(s => s.EndsWith(".cs", StringComparison.Ordinal) || s.TrimEnd('/') == "src" || s == ".",
            "copying sources before restoring would re-run restore on every code change");
        steps.Skip(restore).Where(i => i.Keyword == "COPY").SelectMany(CopySources).Should().Contain(s => s.TrimEnd('/') == "src");
    }

    [Fact]
    public void Copies_mirror_the_repository_layout_so_its_commands_run_from_the_repository_root()
    {
        var build = _dockerfile.Stages[0].Index;
        _dockerfile.Last("WORKDIR", build).Should().NotBeNull();
        foreach (var copy in _dockerfile.All("COPY", build))
        {
            var words = copy.Arguments.Split(' ').Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
            var destination = words[^1];
            foreach (var source in words.SkipLast(1))
            {
                (File.Exists(RepositoryPaths.PathOf(source)) || Directory.Exists(RepositoryPaths.PathOf(source)))
                    .Should().BeTrue($"COPY {source} (line {copy.Line}) must exist in the repository");
                var expected = words.Count == 2 && Directory.Exists(RepositoryPaths.PathOf(source))
                    ? source.TrimEnd('/')
                    : Path.GetDirectoryName(source.TrimEnd('/'))!.Replace('\\', '/');
                destination.TrimEnd('/').Replace("./", string.Empty, StringComparison.Ordinal).TrimStart('.')
                    .Should().Be(expected, $"COPY {source} (line {copy.Line}) keeps the repository layout under WORKDIR");
            }
        }
    }

    [Fact]
    public void Dockerignore_sends_the_sources_and_nothing_built_or_private()
    {
        var ignore = DockerIgnore.Load(RepositoryPaths.PathOf(".dockerignore"));
        var build = _dockerfile.Stages[0].Index;
        foreach (var source in _dockerfile.All("COPY", build).SelectMany(CopySources))
        {
            var files = Directory.Exists(RepositoryPaths.PathOf(source))
                ? SourceFiles(RepositoryPaths.PathOf(source)).Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))
                : [source];
            foreach (var file in files)
            {
                ignore.Excludes(file).Should().BeFalse($"the Dockerfile copies {file}");
            }
        }

        foreach (var path in new[]
                 {
                     ".git/HEAD", ".git/objects/ab/cdef", "src/MetaAccessExporter/bin/Release/net10.0/MetaAccessExporter.dll",
                     "src/MetaAccessExporter/obj/project.assets.json", "src/MetaAccessExporter/data/state/model.json",
                     "data/state/model.json", "tests/MetaAccessExporter.Tests/MetaAccessExporter.Tests.csproj",
                     "tests/x/TestResults/r.trx", "deploy/compose/.env",
                     "benchmarks/MetaAccessExporter.Benchmarks/BenchmarkDotNet.Artifacts/x.md", ".vs/x",
                 })
        {
            ignore.Excludes(path).Should().BeTrue($"{path} has no business in the build context");
        }
    }

    private string[] EntryPoint() =>
        Dockerfile.ExecForm(_dockerfile.Last("ENTRYPOINT", Final)!.Arguments)
        ?? throw new InvalidOperationException("ENTRYPOINT must use the exec form");

    internal static string? OutputOf(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if ((words[i] is "-o" or "--output") && i + 1 < words.Count)
            {
                return words[i + 1];
            }

            if (words[i].StartsWith("--output=", StringComparison.Ordinal))
            {
                return words[i]["--output=".Length..];
            }
        }

        return null;
    }

    private static IEnumerable<string> CopySources(DockerInstruction copy)
    {
        if (copy.Arguments.Contains("--from=", StringComparison.Ordinal))
        {
            return [];
        }

        var words = copy.Arguments.Split(' ').Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return words.SkipLast(1);
    }

    private static IEnumerable<string> SourceFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj"));

    /// <summary>Directory.*.props and the csproj files reachable from the exporter's project.</summary>
    private static IEnumerable<string> RestoreInputs()
    {
        var inputs = new List<string> { "Directory.Build.props", "Directory.Packages.props" };
        inputs.AddRange(new[] { "global.json", "nuget.config", "NuGet.config" }.Where(f => File.Exists(RepositoryPaths.PathOf(f))));
        var pending = new Queue<string>(["src/MetaAccessExporter/MetaAccessExporter.csproj"]);
        var seen = new HashSet<string>();
        while (pending.TryDequeue(out var project))
        {
            if (!seen.Add(project))
            {
                continue;
            }

            inputs.Add(project);
            var dir = Path.GetDirectoryName(project)!;
            foreach (var reference in XDocument.Load(RepositoryPaths.PathOf(project)).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                var referenced = Path.GetFullPath(RepositoryPaths.PathOf(dir, include));
                pending.Enqueue(Path.GetRelativePath(RepositoryPaths.Root, referenced).Replace('\\', '/'));
            }
        }

        return inputs;
    }

    private static string ProjectVersion() =>
        XDocument.Load(RepositoryPaths.PathOf("Directory.Build.props")).Descendants("Version").Single().Value;
}
