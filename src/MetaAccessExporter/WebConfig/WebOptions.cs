using System.ComponentModel;

namespace MetaAccessExporter.WebConfig;

/// <summary>The <c>Web</c> section: who may reach the endpoints, and over what. <c>--web.config.file</c> sets it.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The flag every Prometheus exporter takes for the same file.</summary>
    public const string Flag = "--web.config.file";

    [Description("exporter-toolkit web configuration: TLS, basic auth (also --web.config.file); none: plain HTTP, open")]
    public string ConfigFile { get; set; } = "";

    public bool Enabled => ConfigFile.Length > 0;
}
