using System.Diagnostics;
using System.Text;

namespace MetaAccessExporter.EndToEndTests.Infrastructure;

/// <summary>A command run to completion, with everything it printed.</summary>
internal sealed record ToolRun(string Command, int ExitCode, string Output)
{
    public static async Task<ToolRun> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time:\n{Snapshot(output)}");
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        var command = fileName + " " + string.Join(' ', info.ArgumentList);
        return new ToolRun(command, process.ExitCode, Snapshot(output));
    }

    public override string ToString() => $"$ {Command}\nexit code {ExitCode}\n{Output}";

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
