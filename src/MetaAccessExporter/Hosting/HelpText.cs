using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.WebConfig;

namespace MetaAccessExporter.Hosting;

/// <summary><c>--help</c>, generated from the options classes so it lists every key with its real default.</summary>
public static class HelpText
{
    public static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"MetaAccess Exporter {BuildInfo.Current.Version}: Prometheus metrics for an OPSWAT MetaAccess account.");
        text.AppendLine();
        text.AppendLine("Usage: MetaAccessExporter [--demo] [--Section:Key=value ...]");
        text.AppendLine("       MetaAccessExporter --probe [url]");
        text.AppendLine();
        text.AppendLine("Options:");
        Row(text, "--demo", "poll the built-in MetaAccess simulator (no account needed)", "off");
        Row(text, "--probe [url]", "GET url and exit 0 on 200, 1 otherwise (container health check)", ListenAddress.DefaultProbeUrl);
        Row(text, "--urls", "where to listen (also ASPNETCORE_URLS)", ListenAddress.DefaultUrl);
        Row(text, $"{WebOptions.Flag}=PATH", "TLS and basic auth, in exporter-toolkit's format (docs/security.md)", "none");
        Row(text, "--version", "print the version, revision, runtime and platform, and exit", "");
        Row(text, "--help", "this text", "");
        text.AppendLine();
        text.AppendLine("Configuration (command line, environment as MetaAccess__PollInterval, or appsettings.json):");
        foreach (var (section, type, _) in ExporterModules.Sections)
        {
            object defaults = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
                Row(text, $"--{section}:{property.Name}", description, Format(property.GetValue(defaults)));
            }
        }
        text.AppendLine();
        text.AppendLine(
            "Exactly one of MetaAccess:AccessToken(File) or MetaAccess:ClientId with ClientSecret(File) is required outside --demo.");
        text.AppendLine("OTLP export of the same metrics starts when OTEL_EXPORTER_OTLP_ENDPOINT is set.");
        text.AppendLine();
        text.AppendLine("Logging (docs/operations.md, \"Log format and level\"):");
        Row(text, "--Logging:LogLevel:Default", "Trace, Debug (each API call, redacted), Information, Warning, Error", "Information");
        Row(text, $"--{ConsoleLogFormat.FormatterNameKey}", "simple, json (one object a line, UTC timestamps), systemd",
            "simple; systemd under systemd");
        text.AppendLine();
        text.AppendLine("appsettings.json and appsettings.{Environment}.json are read from the working directory, or from");
        text.AppendLine("--contentRoot=DIR; environment variables override them, the command line overrides both (docs/deploy.md).");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string option, string description, string defaultValue) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  {option,-34} {description}{(defaultValue.Length > 0 ? $" (default: {defaultValue})" : "")}");

    private static string Format(object? value) => value switch
    {
        null => "none",
        string s when s.Length == 0 => "empty",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
