namespace MetaAccessExporter.TestSupport;

/// <summary>
/// The built exporter in <c>--demo</c> mode, as a process, with <c>--web.config.file</c> pointing into a fresh
/// folder the test writes its certificates and web configuration to. Disposing it stops the process and
/// removes the folder.
/// </summary>
public sealed class SecuredExporter : IDisposable
{
    private SecuredExporter(string directory, int port, BackgroundProcess process)
    {
        Directory = directory;
        Port = port;
        Process = process;
    }

    public string Directory { get; }

    public int Port { get; }

    public BackgroundProcess Process { get; }

    public string ConfigFile => Path.Combine(Directory, "web.yml");

    public Uri Https => new($"https://127.0.0.1:{Port}");

    /// <summary>A fresh folder for the files, before the exporter starts.</summary>
    public static string NewDirectory() => System.IO.Directory.CreateTempSubdirectory("metaaccess-web-").FullName;

    /// <summary>Starts the exporter on <paramref name="directory"/>'s <c>web.yml</c>; returns once <c>/healthz</c> answers.</summary>
    /// <param name="ready">A client for the exporter's address, to ask <c>/healthz</c> with.</param>
    public static async Task<SecuredExporter> StartAsync(string directory, Func<Uri, HttpClient> ready, params string[] extraArguments)
    {
        int port = FreePort.Next();
        var process = BackgroundProcess.Start("exporter", Tools.Dotnet,
        [
            RepositoryPaths.BuiltAssembly("MetaAccessExporter"), "--demo", $"--urls=http://127.0.0.1:{port}",
            $"--web.config.file={Path.Combine(directory, "web.yml")}", "--Exporter:StatePath=", .. extraArguments,
        ], directory, new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = null });
        var exporter = new SecuredExporter(directory, port, process);
        try
        {
            using var http = ready(new Uri($"https://127.0.0.1:{port}"));
            await Eventually.HttpOkAsync(http, "/healthz", process.Describe, () => !process.HasExited, TimeSpan.FromSeconds(60));
        }
        catch
        {
            exporter.Dispose();
            throw;
        }
        return exporter;
    }

    public void Dispose()
    {
        Process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
