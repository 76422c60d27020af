using System.Diagnostics;
using System.Net;
using System.Text;

namespace MetaAccessExporter.DeploymentTests.Support;

/// <summary>A running exporter (or any server) on a loopback port; killed with its children on Dispose.</summary>
internal sealed class ExporterProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ExporterProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Output => ProcessRunner.Snapshot(output);

    /// <summary>Warnings and errors the process logged, then the end of its output: enough to diagnose a failure.</summary>
    public string Diagnostics
    {
        get
        {
            var lines = Output.Split('\n');
            var problems = new List<string>();
            for (var i = 0; i < lines.Length && problems.Count < 20; i++)
            {
                if (lines[i].StartsWith("warn:", StringComparison.Ordinal) || lines[i].StartsWith("fail:", StringComparison.Ordinal)
                    || lines[i].StartsWith("crit:", StringComparison.Ordinal))
                {
                    var entry = lines[i] + (i + 1 < lines.Length ? " " + lines[i + 1].Trim() : string.Empty);
                    if (!problems.Contains(entry))
                    {
                        problems.Add(entry);
                    }
                }
            }

            var tail = string.Join('\n', lines.TakeLast(30));
            return $"warnings and errors:\n{string.Join('\n', problems)}\nlast lines:\n{tail}";
        }
    }

    public bool HasExited => process.HasExited;

    public static ExporterProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        int port,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment)
    {
        var process = new Process
        {
            StartInfo = ProcessRunner.StartInfo(fileName, arguments, workingDirectory, environment),
            EnableRaisingEvents = true,
        };
        var started = new ExporterProcess(process, port);
        process.OutputDataReceived += (_, e) => ProcessRunner.Append(started.output, e.Data);
        process.ErrorDataReceived += (_, e) => ProcessRunner.Append(started.output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Polls a path until it answers with the status (and body text), or fails at the deadline.</summary>
    public async Task<string> WaitForAsync(string path, TimeSpan deadline, HttpStatusCode status = HttpStatusCode.OK, string? contains = null)
    {
        var stopwatch = Stopwatch.StartNew();
        string last = "no answer yet";
        var delay = TimeSpan.FromMilliseconds(50);
        while (stopwatch.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"the process exited with code {process.ExitCode} while waiting for {path}; {Diagnostics}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(BaseUri, path));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == status && (contains is null || body.Contains(contains, StringComparison.Ordinal)))
                {
                    return body;
                }

                last = $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException e)
            {
                last = e.Message;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }

        throw new TimeoutException(
            $"{path} did not answer {(int)status}{(contains is null ? string.Empty : $" with '{contains}'")} within {deadline}; last: {last}\n{Diagnostics}");
    }

    public void Dispose()
    {
        ProcessRunner.Kill(process);
        process.Dispose();
        Http.Dispose();
    }
}
