using MetaAccessExporter.Account;
using MetaAccessExporter.Api;
using MetaAccessExporter.Budget;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Model;
using MetaAccessExporter.Sync;
using MetaAccessExporter.WebConfig;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MetaAccessExporter.Hosting;

/// <summary>
/// Every part of the exporter, in the order a device travels through them. The host, <c>--help</c>,
/// the command-line parser and the test harnesses all read this table; nothing else lists modules.
/// The order is also the start order of their background services (the saved model is restored
/// before the poller starts) and, reversed, the stop order (the model is saved after it stops).
/// </summary>
internal static class ExporterModules
{
    public static readonly IReadOnlyList<ExporterModule> All =
    [
        ExporterModule.Configured<MetaAccessOptions, MetaAccessOptionsValidator>(
            "Api", MetaAccessOptions.Section, services => services.AddMetaAccessApi(), o => o.TreatBlankCredentialsAsUnset()),
        new("Budget", null, (services, _) => services.AddRateBudget(BudgetSize)),
        ExporterModule.Configured<ExporterOptions, ExporterOptionsValidator>(
            "Model", ExporterOptions.Section, services => services.AddDeviceModel(Account)),
        new("Sync", null, (services, _) => services.AddDeltaSync()),
        ExporterModule.Configured<InventoryOptions, InventoryOptionsValidator>(
            "Inventory", InventoryOptions.Section, services => services.AddInventory()),
        ExporterModule.Configured<AccountOptions, AccountOptionsValidator>(
            "Account", AccountOptions.Section, services => services.AddAccountDetails()),
        ExporterModule.Configured<EnrichmentOptions, EnrichmentOptionsValidator>(
            "Enrichment", EnrichmentOptions.Section, services => services.AddEnrichment()),
        new("Metrics", null, (services, configuration) =>
            services.AddExporterMetrics(otlp: !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))),
        // The last hop, from the endpoints to whoever scrapes them; the liveness check stays open (docs/security.md).
        ExporterModule.Configured<WebOptions, WebOptionsValidator>(
            "WebConfig", WebOptions.Section, services => services.AddWebConfig(ExporterEndpoints.LivenessPath)),
    ];

    public static IEnumerable<OptionsSection> Sections => All.Select(m => m.Options).OfType<OptionsSection>();

    /// <summary>Registers every module, reading its section from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddExporterModules(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        foreach (var module in All)
            module.Register(services, configuration);
        return services;
    }

    /// <summary>Binds and validates every section now, so a bad value stops start-up before anything runs.</summary>
    public static void ValidateConfiguration(IServiceProvider services)
    {
        foreach (var section in Sections)
            section.Validate(services);
    }

    private static string Account(IServiceProvider services) => services.GetRequiredService<MetaAccessOptions>().Account;

    // Enrichment's share and the state directory come from here because the budget must not know its consumers.
    private static BudgetSize BudgetSize(IServiceProvider services)
    {
        var api = services.GetRequiredService<MetaAccessOptions>();
        var enrichment = services.GetRequiredService<EnrichmentOptions>();
        var exporter = services.GetRequiredService<ExporterOptions>();
        return new BudgetSize(api.RequestsPerMinute, enrichment.Enabled ? enrichment.MaxBudgetShare : 0, exporter.StatePath, api.Account);
    }
}
