using MetaAccessExporter.Account;
using MetaAccessExporter.Api;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// The settings alert rules and dashboards must agree with (how often the exporter polls, reads the inventory and
/// the account, refreshes details, and its staleness thresholds), exposed so that a rule reads them instead of
/// assuming the defaults.
/// </summary>
/// <param name="EnrichmentRefreshAfter">Null with enrichment off.</param>
public sealed record ExporterSettings(
    TimeSpan PollInterval,
    IReadOnlyList<StaleThreshold> StaleAfter,
    TimeSpan InventoryRefreshAfter,
    TimeSpan AccountRefreshInterval,
    TimeSpan? EnrichmentRefreshAfter)
{
    public static ExporterSettings Of(
        MetaAccessOptions api, IReadOnlyList<StaleThreshold> staleAfter, InventoryOptions inventory, AccountOptions account,
        EnrichmentOptions enrichment) =>
        new(api.PollInterval, staleAfter, inventory.RefreshAfter, account.RefreshInterval,
            enrichment.Enabled ? enrichment.RefreshAfter : null);
}
