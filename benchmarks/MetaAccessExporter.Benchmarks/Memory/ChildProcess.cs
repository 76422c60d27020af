using System.Diagnostics;

namespace MetaAccessExporter.Benchmarks.Memory;

/// <summary>
/// A built assembly run as its own process (<c>dotnet X.dll</c>), as a user runs the exporter; its output's tail is
/// kept for failure messages, and disposing it kills it with any child it started.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    public ChildProcess(string name, string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Its state and last lines of output, for a failure message.</summary>
    public string Describe()
    {
        lock (_tail)
            return $"----- {Name} ({(HasExited ? $"exited with {_process.ExitCode}" : "running")}) -----\n{string.Join('\n', _tail)}";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
                _tail.Dequeue();
        }
    }
}
