using System.Diagnostics;

namespace MetaAccessExporter.TestSupport;

/// <summary>How <see cref="BackgroundProcess"/> and <see cref="ToolRun"/> start a process and end it.</summary>
internal static class ProcessStart
{
    /// <summary>
    /// Output and error redirected (to be kept), standard input redirected (and closed once started,
    /// so that nothing waits on the test host's terminal), the repository root as the default
    /// working directory, and <paramref name="environment"/> applied over the inherited one (a null
    /// value removes a variable).
    /// </summary>
    public static Process Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        Action<string?> onOutput,
        Action<string?> onError)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Keep the children quiet and independent of the developer's shell.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
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

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => onOutput(e.Data);
        process.ErrorDataReceived += (_, e) => onError(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static string CommandLine(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Prepend(fileName));

    /// <summary>Kills the process this test started, with every child it started in turn; nothing else.</summary>
    public static void KillTree(Process process)
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
}
