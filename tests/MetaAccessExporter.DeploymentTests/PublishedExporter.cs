using MetaAccessExporter.DeploymentTests.Support;

namespace MetaAccessExporter.DeploymentTests;

/// <summary>
/// Builds the exporter the way the Dockerfile does, with no Docker engine: the build stage's COPY
/// lines copy from the repository, minus what .dockerignore leaves out, into a temporary build
/// context standing for WORKDIR, and its own `RUN dotnet ...` lines, read from the Dockerfile, run
/// there as written, with only the output folder (-o) moved to a temporary directory. A file the
/// COPY lines forget fails the build here as it would in Docker, and the repository's own bin/ and
/// obj/ are left alone. Then starts the output the way ENTRYPOINT does, with the runtime stage's
/// ENV, in --demo, on a free loopback port and a temporary state directory.
/// </summary>
public sealed class PublishedExporter : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("metaaccess-deploy-").FullName;

    public string PublishDirectory => Path.Combine(root, "publish");

    public string StateDirectory => Path.Combine(root, "state");

    /// <summary>The build stage's WORKDIR, filled by its COPY lines.</summary>
    public string BuildDirectory => Path.Combine(root, "build");

    internal Dockerfile Dockerfile { get; } = Dockerfile.Load(Repo.PathOf("Dockerfile"));

    public IReadOnlyList<string> PublishCommand { get; private set; } = [];

    public string[] EntryPoint { get; private set; } = [];

    public string[] HealthCheck { get; private set; } = [];

    internal ExporterProcess? Exporter { get; private set; }

    public async Task InitializeAsync()
    {
        var publishLine = Dockerfile.All("RUN").Single(r => r.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));
        var build = publishLine.Stage;
        var args = Dockerfile.ArgDefaults(build);

        // The build stage as written: COPY from the context, RUN dotnet ... in WORKDIR.
        var ignore = DockerIgnore.Load(Repo.PathOf(".dockerignore"));
        Directory.CreateDirectory(BuildDirectory);
        foreach (var step in Dockerfile.Instructions.Where(i => i.Stage == build))
        {
            if (step.Keyword == "COPY")
            {
                CopyFromContext(step, ignore);
                continue;
            }

            if (step.Keyword != "RUN" || !step.Arguments.StartsWith("dotnet ", StringComparison.Ordinal))
            {
                continue; // e.g. mkdir of the state folder, which the test host makes itself
            }

            var words = Dockerfile.ShellWords(Dockerfile.Substitute(step.Arguments, args));
            words.Intersect(["&&", ";", "|", "||"]).Should().BeEmpty("each RUN holds one command");
            words = RedirectOutput(words, PublishDirectory);
            if (step == publishLine)
            {
                PublishCommand = words;
            }

            var result = await ProcessRunner.RunAsync(words[0], words.Skip(1), TimeSpan.FromMinutes(8), BuildDirectory);
            result.ExitCode.Should().Be(0, $"`{string.Join(' ', words)}` (Dockerfile line {step.Line}) must succeed: {result}");
        }

        var final = Dockerfile.FinalStage.Index;
        EntryPoint = Dockerfile.ExecForm(Dockerfile.Last("ENTRYPOINT", final)!.Arguments)!;
        var healthcheck = Dockerfile.Last("HEALTHCHECK", final)!.Arguments;
        HealthCheck = Dockerfile.ExecForm(healthcheck[(healthcheck.IndexOf("CMD", StringComparison.Ordinal) + 3)..])!;
        File.Exists(Path.Combine(PublishDirectory, EntryPoint[^1])).Should().BeTrue($"the publish output holds {EntryPoint[^1]}");

        // ENV of the runtime stage, then what a test host needs instead: a free loopback port and
        // a temporary state directory.
        var environment = Dockerfile.All("ENV", final)
            .SelectMany(e => Dockerfile.KeyValues(e.Arguments))
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        var port = FreePort.Next();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["Exporter__StatePath"] = StateDirectory;
        environment["ASPNETCORE_ENVIRONMENT"] = null;
        environment["DOTNET_ENVIRONMENT"] = null;
        Exporter = ExporterProcess.Start(EntryPoint[0], [.. EntryPoint.Skip(1), "--demo"], port, PublishDirectory, environment);
    }

    public Task DisposeAsync()
    {
        Exporter?.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // a straggling child still holds a file; the OS cleans the temp folder
        }

        return Task.CompletedTask;
    }

    /// <summary>COPY src... dest from the repository into the build directory, as Docker would.</summary>
    private void CopyFromContext(DockerInstruction copy, DockerIgnore ignore)
    {
        copy.Arguments.Should().NotContain("--from=", "the build stage copies only from the context");
        var words = copy.Arguments.Split(' ').Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        var destination = Path.GetFullPath(Path.Combine(BuildDirectory, words[^1]));
        foreach (var source in words.SkipLast(1))
        {
            var from = Repo.PathOf(source);
            if (Directory.Exists(from))
            {
                foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(Repo.Root, file).Replace('\\', '/');
                    if (!ignore.Excludes(relative))
                    {
                        CopyFile(file, Path.Combine(destination, Path.GetRelativePath(from, file)));
                    }
                }
            }
            else
            {
                File.Exists(from).Should().BeTrue($"COPY {source} (Dockerfile line {copy.Line}) names a file of the repository");
                ignore.Excludes(source).Should().BeFalse($".dockerignore must not leave out {source}, which the Dockerfile copies");
                var target = words[^1].EndsWith('/') || words.Count > 2 ? Path.Combine(destination, Path.GetFileName(from)) : destination;
                CopyFile(from, target);
            }
        }
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    /// <summary>Rewrites the value of -o / --output / --output=, which must be there, to a local folder.</summary>
    internal static List<string> RedirectOutput(List<string> words, string directory)
    {
        var result = new List<string>(words);
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i] is "-o" or "--output" && i + 1 < result.Count)
            {
                result[i + 1] = directory;
                return result;
            }

            if (result[i].StartsWith("--output=", StringComparison.Ordinal))
            {
                result[i] = "--output=" + directory;
                return result;
            }
        }

        if (words.Count > 1 && words[1] == "publish")
        {
            throw new InvalidOperationException($"`{string.Join(' ', words)}` names no output folder (-o)");
        }

        return result;
    }
}
