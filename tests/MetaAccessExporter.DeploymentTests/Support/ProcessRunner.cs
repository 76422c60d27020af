using System.Diagnostics;
using System.Text;

namespace MetaAccessExporter.DeploymentTests.Support;

/// <summary>Exit code, standard output and error interleaved (Output), and standard output alone.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Stdout)
{
    public override string ToString() => $"exit code {ExitCode}, output:\n{Output}";
}

/// <summary>Runs a command to completion with a deadline; kills the whole tree when it is exceeded.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = new Process { StartInfo = StartInfo(fileName, arguments, workingDirectory, environment) };
        var output = new StringBuilder();
        var stdout = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            Append(stdout, e.Data);
        };
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new TimeoutException(
                $"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}; output so far:\n{Snapshot(output)}");
        }

        process.WaitForExit(); // drain the redirected streams
        return new ProcessResult(process.ExitCode, Snapshot(output), Snapshot(stdout));
    }

    public static ProcessStartInfo StartInfo(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Keep the children quiet and independent of the developer's shell.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    info.Environment.Remove(key);
                }
                else
                {
                    info.Environment[key] = value;
                }
            }
        }

        return info;
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public static void Append(StringBuilder output, string? line)
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

    public static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
