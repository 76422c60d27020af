using MetaAccessExporter.Account;
using MetaAccessExporter.Api;
using MetaAccessExporter.Budget;
using MetaAccessExporter.Metrics.Cardinality;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Sync;
using MetaAccessExporter.WebConfig;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// Renders the exporter's own families of <c>/metrics</c>: the fleet aggregates (each open label held to its cap) and
/// the exporter's health. Reads only the model's aggregates and counters, never the API, so a scrape costs the same
/// whatever the poller does. <see cref="MetricsAnswer"/> adds the process families and the end.
/// </summary>
public sealed class FleetMetricsRenderer(
    CappedFleet fleet,
    Completeness completeness,
    InventoryHealth inventory,
    AccountHealth account,
    SyncHealth sync,
    ApiCallStats api,
    RateBudget budget,
    IEnrichmentProgressSource enrichment,
    MetaAccessOptions options,
    ExporterSettings settings,
    WebAccessStats web)
{
    private readonly Label[] _account = [new("account", options.Account)];

    public void WriteTo(ExpositionWriter writer)
    {
        var capped = fleet.Read();
        FamilyTable.Write(FleetFamilies.Table, capped.Fleet, writer, _account);
        if (enrichment.Current is not null)
            FamilyTable.Write(FleetFamilies.EnrichmentTable, capped.Fleet, writer, _account);
        FamilyTable.Write(LabelCapFamilies.Table, capped, writer, _account);
        FamilyTable.Write(HealthFamilies.Table, Health(), writer, _account);
        FamilyTable.Write(BudgetFamilies.Table, BudgetReport.Of(budget), writer, _account);
        FamilyTable.Write(InventoryFamilies.Table, inventory.Current, writer, _account);
        FamilyTable.Write(AccountFamilies.Table, account.Current, writer, _account);
        FamilyTable.Write(SettingsFamilies.Table, settings, writer, _account);
        if (web.Enabled)
            FamilyTable.Write(WebFamilies.Table, web, writer, _account);
    }

    public ExporterHealth Health() => new(
        sync.Current,
        completeness.Current,
        api.Requests.OrderBy(r => r.Endpoint, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal).ToArray(),
        api.InvalidResponses.OrderBy(r => r.Endpoint, StringComparer.Ordinal).ToArray(),
        api.InvalidRecords.OrderBy(r => r.Endpoint, StringComparer.Ordinal).ToArray(),
        api.Throttled,
        enrichment.Current,
        BuildInfo.Current);
}
