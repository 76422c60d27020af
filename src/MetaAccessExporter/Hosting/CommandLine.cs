using MetaAccessExporter.WebConfig;

namespace MetaAccessExporter.Hosting;

/// <summary>
/// The exporter's own switches (<c>--demo</c>, <c>--probe</c>, <c>--help</c>, <c>--version</c>, and Prometheus'
/// <c>--web.config.file</c>, which sets <c>Web:ConfigFile</c>); everything else is
/// .NET configuration. A misspelt option is an error rather than a setting silently ignored.
/// </summary>
public sealed record CommandLine(bool Help, bool Demo, bool Probe, string? ProbeUrl, string[] ConfigurationArgs, bool Version = false)
{
    // Host and framework settings that may be given on the command line as well.
    private static readonly string[] PassThroughKeys = ["urls", "environment", "contentRoot", "applicationName"];
    private static readonly string[] PassThroughPrefixes = ["Logging:", "Kestrel:", "Simulator:"];

    /// <exception cref="ArgumentException">An option the exporter does not know.</exception>
    public static CommandLine Parse(string[] args)
    {
        bool help = false, demo = false, probe = false, version = false;
        string? probeUrl = null;
        var configuration = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    help = true;
                    continue;
                case "--version":
                    version = true;
                    continue;
                case "--demo":
                    demo = true;
                    continue;
                case WebOptions.Flag:
                    if (i + 1 >= args.Length || args[i + 1].Length == 0)
                        throw new ArgumentException($"Option '{WebOptions.Flag}' needs a file; leave the option out to serve without one.");
                    configuration.Add($"--{WebOptions.Section}:{nameof(WebOptions.ConfigFile)}={args[++i]}");
                    continue;
                case var flag when flag.StartsWith(WebOptions.Flag + "=", StringComparison.Ordinal):
                    // An unset shell variable must not turn TLS and passwords off without a word.
                    if (flag.Length == WebOptions.Flag.Length + 1)
                        throw new ArgumentException($"Option '{WebOptions.Flag}' needs a file; leave the option out to serve without one.");
                    configuration.Add($"--{WebOptions.Section}:{nameof(WebOptions.ConfigFile)}={flag[(WebOptions.Flag.Length + 1)..]}");
                    continue;
                case "--probe":
                    probe = true;
                    if (i + 1 < args.Length && !args[i + 1].StartsWith('-'))
                        probeUrl = args[++i];
                    continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException(
                    $"Unexpected argument '{arg}'. Options look like --MetaAccess:PollInterval=00:01:00; see --help.");
            string key = arg[2..].Split('=', 2)[0].Replace("__", ":", StringComparison.Ordinal);
            if (!IsKnownKey(key))
                throw new ArgumentException($"Unknown option '--{key}'; see --help for every option.");
            configuration.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                    throw new ArgumentException($"Option '--{key}' needs a value.");
                configuration.Add(args[++i]);
            }
        }
        return new CommandLine(
            help, demo, probe, probeUrl ?? (probe ? ListenAddress.DefaultProbeUrl : null), [.. configuration], version);
    }

    private static bool IsKnownKey(string key) =>
        PassThroughKeys.Contains(key, StringComparer.OrdinalIgnoreCase)
        || PassThroughPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        || ExporterModules.Sections.Any(s => s.Type.GetProperties()
            .Any(p => string.Equals($"{s.Name}:{p.Name}", key, StringComparison.OrdinalIgnoreCase)));
}
