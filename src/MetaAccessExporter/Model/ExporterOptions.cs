using System.ComponentModel;

namespace MetaAccessExporter.Model;

/// <summary>The <c>Exporter</c> section: how the exporter keeps and reports its model.</summary>
public sealed class ExporterOptions
{
    public const string Section = "Exporter";

    [Description("where the model is kept across restarts; empty turns persistence off")]
    public string StatePath { get; set; } = "data/state";

    [Description("the model is saved at most this often, when it changed, and at shutdown")]
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromMinutes(5);

    [Description("last_seen age thresholds for metaaccess_devices_stale (m, h, d, w)")]
    public string StaleAfter { get; set; } = "1d,7d,30d";

    [Description("the most values of group, status, severity or category on /metrics, \"other\" (the rest, summed) included")]
    public int MaxLabelValues { get; set; } = 500;
}
