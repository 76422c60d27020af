using MetaAccessExporter.DeploymentTests.Support;

namespace MetaAccessExporter.DeploymentTests;

/// <summary>
/// Builds the exporter the way the Dockerfile does, with no Docker engine: the build stage's own
/// `RUN dotnet ...` lines, read from the Dockerfile and run from the repository root (the COPY
/// lines mirror the repository under WORKDIR, which DockerfileTests checks), with only the output
/// folder moved to a temporary directory. Then starts the output the way ENTRYPOINT does, with the
/// runtime stage's ENV, in --demo, on a free loopback port and a temporary state directory.
/// </summary>
public sealed class PublishedExporter : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("metaaccess-deploy-").FullName;

    public string PublishDirectory => Path.Combine(root, "publish");

    public string StateDirectory => Path.Combine(root, "state");

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

        // The build stage's dotnet commands, in order (restore, then publish), as written.
        foreach (var run in Dockerfile.All("RUN", build).Where(r => r.Arguments.StartsWith("dotnet ", StringComparison.Ordinal)))
        {
            var words = Dockerfile.ShellWords(Dockerfile.Substitute(run.Arguments, args));
            words.Intersect(["&&", ";", "|", "||"]).Should().BeEmpty("each RUN holds one command");
            words = RedirectOutput(words, PublishDirectory);
            if (run == publishLine)
            {
                PublishCommand = words;
            }

            var result = await ProcessRunner.RunAsync(words[0], words.Skip(1), TimeSpan.FromMinutes(8), Repo.Root);
            result.ExitCode.Should().Be(0, $"`{string.Join(' ', words)}` (Dockerfile line {run.Line}) must succeed: {result}");
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
