using System.Diagnostics;

namespace MetaAccessExporter.TestSupport;

/// <summary>
/// A server started for a test (simulator, exporter, Prometheus, Alertmanager): its output is kept
/// for failure messages, and disposing it kills it with every child process it started.
/// </summary>
public sealed class BackgroundProcess : IDisposable
{
    private const int MaxKeptChars = 64 * 1024;
    private readonly ProcessLog _log = new(MaxKeptChars);
    private readonly Process _process;

    private BackgroundProcess(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string?>? environment)
    {
        Name = name;
        _process = ProcessStart.Start(fileName, arguments, workingDirectory, environment, _log.Append, _log.Append);
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The process's latest output (standard output and error, interleaved).</summary>
    public string Output => _log.Text;

    /// <summary>
    /// Warnings and errors the process logged, then the last lines of its output: enough to
    /// diagnose a failure without the whole log.
    /// </summary>
    public string Diagnostics
    {
        get
        {
            var tail = string.Join('\n', Output.TrimEnd().Split('\n').TakeLast(30));
            return $"{Header()}\nwarnings and errors:\n{string.Join('\n', _log.Problems)}\nlast lines:\n{tail}";
        }
    }

    /// <param name="name">What the process is, for messages.</param>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell).</param>
    /// <param name="workingDirectory">Where it runs; the repository root when null.</param>
    /// <param name="environment">Variables set over the inherited environment; a null value removes one.</param>
    public static BackgroundProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        new(name, fileName, arguments, workingDirectory, environment);

    /// <summary>The process's state and latest output, for assertion messages.</summary>
    public string Describe() => $"{Header()}\n{Output}";

    public void Dispose()
    {
        ProcessStart.KillTree(_process);
        _process.Dispose();
    }

    private string Header()
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        return $"----- {Name} ({state}) -----";
    }
}
