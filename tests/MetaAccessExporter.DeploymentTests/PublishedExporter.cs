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
    private readonly string _root = Directory.CreateTempSubdirectory("metaaccess-deploy-").FullName;
    private BackgroundProcess? exporter;

    public string PublishDirectory => Path.Combine(_root, "publish");

    public string StateDirectory => Path.Combine(_root, "state");

    /// <summary>The build stage's WORKDIR, filled by its COPY lines.</summary>
    public string BuildDirectory => Path.Combine(_root, "build");

    internal Dockerfile Dockerfile { get; } = Dockerfile.Load(RepositoryPaths.PathOf("Dockerfile"));

    public IReadOnlyList<string> PublishCommand { get; private set; } = [];

    public string[] EntryPoint { get; private set; } = [];

    public string[] HealthCheck { get; private set; } = [];

    /// <summary>The loopback port the started exporter listens on.</summary>
    public int Port { get; private set; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        var publishLine = Dockerfile.All("RUN").Single(r => r.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));
        var build = publishLine.Stage;
        var args = Dockerfile.ArgDefaults(build);

        // The build stage as written: COPY from the context, RUN dotnet ... in WORKDIR.
        var ignore = DockerIgnore.Load(RepositoryPaths.PathOf(".dockerignore"));
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

            var result = await ToolRun.RunAsync(words[0], words.Skip(1), BuildDirectory, timeout: TimeSpan.FromMinutes(8));
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
        Port = FreePort.Next();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        environment["Exporter__StatePath"] = StateDirectory;
        environment["ASPNETCORE_ENVIRONMENT"] = null;
        environment["DOTNET_ENVIRONMENT"] = null;
        exporter = BackgroundProcess.Start("exporter", EntryPoint[0], [.. EntryPoint.Skip(1), "--demo"], PublishDirectory, environment);
    }

    /// <summary>
    /// Polls a path of the started exporter until it answers 200 (with <paramref name="contains"/> in
    /// the body, when given) and returns the body; fails at once if the exporter has exited.
    /// </summary>
    public Task<string> WaitForAsync(string path, TimeSpan deadline, string? contains = null)
    {
        var started = exporter ?? throw new InvalidOperationException("the published exporter was not started");
        return Eventually.HttpOkAsync(Http, new Uri(BaseUri, path).ToString(), () => started.Diagnostics,
            () => !started.HasExited, deadline, contains);
    }

    public Task DisposeAsync()
    {
        exporter?.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
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
            var from = RepositoryPaths.PathOf(source);
            if (Directory.Exists(from))
            {
                foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');
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
