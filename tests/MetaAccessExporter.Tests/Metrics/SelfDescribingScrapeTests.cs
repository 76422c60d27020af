using MetaAccessExporter.Api;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Metrics;

/// <summary>
/// What rules and dashboards read from a fresh exporter before anything happened: its own timing settings, and the
/// counters it knows it will have, at 0 rather than absent ("No data" on a healthy exporter).
/// </summary>
public sealed class SelfDescribingScrapeTests
{
    [Fact]
    public async Task The_settings_rules_depend_on_are_exposed_as_configured()
    {
        var settings = ExporterFactory.Settings("http://127.0.0.1:9");
        settings["MetaAccess:PollInterval"] = "00:45:00";
        settings["Exporter:StaleAfter"] = "12h,2w";
        settings["Inventory:RefreshAfter"] = "2.00:00:00";
        settings["Account:RefreshInterval"] = "00:30:00";
        await using var exporter = new ExporterFactory(settings);

        var scrape = await exporter.CreateClient().GetStringAsync("/metrics");

        scrape.Should().Contain("metaaccess_config_poll_interval_seconds{account=\"acme\"} 2700\n")
            .And.Contain("metaaccess_config_stale_threshold_seconds{account=\"acme\",older_than=\"12h\"} 43200\n")
            .And.Contain("metaaccess_config_stale_threshold_seconds{account=\"acme\",older_than=\"2w\"} 1209600\n")
            .And.Contain("metaaccess_config_inventory_refresh_seconds{account=\"acme\"} 172800\n")
            .And.Contain("metaaccess_config_account_refresh_seconds{account=\"acme\"} 1800\n");
        scrape.Should().NotContain("metaaccess_config_enrichment_refresh_seconds{", "enrichment is off in this test");
    }

    [Fact]
    public async Task Every_endpoints_usual_counters_are_there_at_zero_before_any_call()
    {
        var settings = ExporterFactory.Settings("http://127.0.0.1:9");
        settings["MetaAccess:PollInterval"] = "01:00:00";
        await using var exporter = new ExporterFactory(settings);

        var scrape = await exporter.CreateClient().GetStringAsync("/metrics");

        // Enrichment is off and a fixed token is used here: these two are never called.
        foreach (var endpoint in new[] { ApiEndpoint.DeviceDetails, ApiEndpoint.Token })
        {
            foreach (var code in ApiCallStats.SeededCodes)
                scrape.Should().Contain($"metaaccess_api_requests_total{{account=\"acme\",endpoint=\"{endpoint}\",code=\"{code}\"}} 0\n");
            scrape.Should().Contain($"metaaccess_api_invalid_responses_total{{account=\"acme\",endpoint=\"{endpoint}\"}} 0\n");
        }
        scrape.Should().Contain("metaaccess_api_invalid_records_total{account=\"acme\",endpoint=\"devices\"} 0\n")
            .And.Contain("metaaccess_api_throttled_total{account=\"acme\"} 0\n");
    }
}
