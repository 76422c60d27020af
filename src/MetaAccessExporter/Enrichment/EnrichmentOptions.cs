using System.ComponentModel;

namespace MetaAccessExporter.Enrichment;

/// <summary>The <c>Enrichment</c> section: device details fetched with the budget the delta sync leaves over.</summary>
public sealed class EnrichmentOptions
{
    public const string Section = "Enrichment";

    [Description("fetch device details with the budget the delta sync leaves over")]
    public bool Enabled { get; set; } = true;

    [Description("details older than this are fetched again")]
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromHours(24);

    [Description("the most of the per-minute budget enrichment may take, 0 to 1")]
    public double MaxBudgetShare { get; set; } = 0.5;
}
