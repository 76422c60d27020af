namespace MetaAccessExporter.TestSupport;

/// <summary>
/// A command run to completion: its exit code, everything it printed (standard output and error
/// interleaved, <see cref="Output"/>) and its standard output alone (<see cref="Stdout"/>).
/// </summary>
public sealed record ToolRun(string Command, int ExitCode, string Output, string Stdout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs the command and waits for it; past the timeout kills it with its children and throws
    /// with the output so far.
    /// </summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell).</param>
    /// <param name="workingDirectory">Where it runs; the repository root when null.</param>
    /// <param name="environment">Variables set over the inherited environment; a null value removes one.</param>
    /// <param name="timeout"><see cref="DefaultTimeout"/> when null.</param>
    public static async Task<ToolRun> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var argumentList = arguments.ToList();
        var command = ProcessStart.CommandLine(fileName, argumentList);
        var output = new ProcessLog();
        var stdout = new ProcessLog();
        using var process = ProcessStart.Start(fileName, argumentList, workingDirectory, environment,
            line =>
            {
                output.Append(line);
                stdout.Append(line);
            },
            output.Append);

        var limit = timeout ?? DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            ProcessStart.KillTree(process);
            throw new TimeoutException($"`{command}` did not finish within {limit}; output so far:\n{output.Text}");
        }

        process.WaitForExit(); // drains the asynchronous output readers
        return new ToolRun(command, process.ExitCode, output.Text, stdout.Text);
    }

    public override string ToString() => $"$ {Command}\nexit code {ExitCode}\n{Output}";
}
