using MetaAccess.Simulator;
using MetaAccessExporter.Account;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Account;

/// <summary>The vendor's totals against the model, read from the simulator and rendered as users scrape them.</summary>
public sealed class AccountDriftTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeClock _time = new(T0);

    [Fact]
    public async Task Drift_is_0_when_the_model_is_the_fleet_and_shows_a_missing_device_where_it_belongs()
    {
        await using var sim = await SimulatorServer.StartAsync(
            new SimulatorOptions { Seed = 8, DeviceCount = 120, MeanTimeBetweenChanges = TimeSpan.Zero, RequestsPerMinute = 1000 }, _time);
        using var exporter = new SyncHarness(sim.BaseAddress.ToString(), _time, configure: o => o.AccessToken = "demo-token");
        await exporter.ListAsync();
        var reader = exporter.Get<AccountPoller>();

        await reader.ReadAsync(CancellationToken.None);
        var agreed = Scrape(exporter);
        agreed.Should().Contain("metaaccess_account_model_drift_devices{account=\"acme\"} 0");
        agreed.Should().NotMatchRegex("metaaccess_account_model_drift_devices_by_\\w+\\{[^}]*\\} -?[1-9]");
        agreed.Should().Contain("metaaccess_account_devices_by_status{account=\"acme\",status=\"non_compliant\"}",
            "the account's non-compliant is normalised like the feeds' so the two compare");
        agreed.Should().Contain("metaaccess_account_devices_used{account=\"acme\"} 120");

        var missing = exporter.Model.ListDevices().First(d => d.Status == "non_compliant");
        exporter.Model.Apply([], [missing.Id]);
        await reader.ReadAsync(CancellationToken.None);
        var drifted = Scrape(exporter);

        drifted.Should().Contain("metaaccess_account_model_drift_devices{account=\"acme\"} -1");
        drifted.Should().Contain("metaaccess_account_model_drift_devices_by_status{account=\"acme\",status=\"non_compliant\"} -1");
        drifted.Should().Contain(
            $"metaaccess_account_model_drift_devices_by_severity{{account=\"acme\",severity=\"{missing.Severity}\"}} -1");
        drifted.Should().Contain("metaaccess_account_model_drift_devices_by_status{account=\"acme\",status=\"compliant\"} 0");
    }

    [Fact]
    public async Task A_vendor_count_the_model_cannot_match_shows_as_positive_drift()
    {
        await using var sim = await SimulatorServer.StartAsync(
            new SimulatorOptions { Seed = 8, DeviceCount = 60, MeanTimeBetweenChanges = TimeSpan.Zero, RequestsPerMinute = 1000 }, _time);
        sim.Faults.AccountCountOffset = -3;
        using var exporter = new SyncHarness(sim.BaseAddress.ToString(), _time, configure: o => o.AccessToken = "demo-token");
        await exporter.ListAsync();

        await exporter.Get<AccountPoller>().ReadAsync(CancellationToken.None);

        var reading = exporter.Get<AccountHealth>().Current.Latest!;
        reading.Drift.Should().Be(3, "the vendor counts three compliant devices fewer than the model holds");
        reading.DriftByStatus.Should().Contain(new KeyValuePair<string, long>("compliant", 3));
    }

    [Fact]
    public void Before_the_first_read_only_the_refresh_counter_is_shown_at_0()
    {
        var rendered = Render(new AccountStatus());

        rendered.Should().Contain("metaaccess_account_refreshes_total{account=\"acme\",result=\"success\"} 0");
        rendered.Should().Contain("metaaccess_account_refreshes_total{account=\"acme\",result=\"failure\"} 0");
        rendered.Split('\n').Where(l => l.StartsWith("metaaccess_account_", StringComparison.Ordinal))
            .Should().OnlyContain(l => l.StartsWith("metaaccess_account_refreshes_total", StringComparison.Ordinal));
    }

    private static string Scrape(SyncHarness exporter) => Exposition.Render(exporter.Get<FleetMetricsRenderer>().WriteTo);

    private static string Render(AccountStatus status) =>
        Exposition.Render(w => FamilyTable.Write(AccountFamilies.Table, status, w, [new Label("account", "acme")]));
}
