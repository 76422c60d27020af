using System.Globalization;
using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Live;

/// <summary>
/// Prometheus, having scraped the exporter that polls the simulator, sees the simulator's fleet; and
/// every dashboard and rule expression we ship runs against what it scraped.
/// </summary>
[Collection(LiveStackCollection.Name)]
public sealed class LiveStackTests(LiveStackFixture stack)
{
    [RequiresToolsFact("prometheus")]
    public async Task Prometheus_counts_exactly_the_simulated_fleet()
    {
        await stack.EnsureStartedAsync();

        await WaitForCompleteModelAsync();
    }

    [RequiresToolsFact("prometheus")]
    public async Task A_status_flip_in_the_simulator_shows_up_in_prometheus()
    {
        await stack.EnsureStartedAsync();
        await WaitForCompleteModelAsync();

        var (deviceId, oldStatus, severity) = await PickDeviceAsync();
        var newStatus = oldStatus == "compliant" ? "non-compliant" : "compliant";
        var before = (await stack.FleetAsync()).ByNormalizedStatus();

        using var response = await stack.Simulator.PostAsync(
            $"/simulator/devices/{Uri.EscapeDataString(deviceId)}/status?status={newStatus}&severity={Uri.EscapeDataString(severity)}",
                null);
        response.IsSuccessStatusCode.Should().BeTrue($"the simulator refused the flip with {(int)response.StatusCode}\n{stack.Describe()}");

        var expected = LiveStackFixture.NormalizeLabel(newStatus);
        var after = (await stack.FleetAsync()).ByNormalizedStatus();
        Count(after, expected).Should().Be(Count(before, expected) + 1,
            "the simulator's own count moves with the flip (no churn configured)");

        await Eventually.SucceedsAsync($"device {deviceId} to show status {expected}", async () =>
        {
            var series = await stack.Prometheus.QueryAsync($"metaaccess_device_status{{device_id=\"{deviceId}\"}}");
            var statuses = series.Samples.Select(s => s.Labels["status"]).ToList();
            return statuses is [var only] && only == expected ? null : $"status series: [{string.Join(", ", statuses)}]";
        }, stack.Describe);

        await Eventually.SucceedsAsync("devices by status to match the simulator after the flip", async () =>
        {
            var truth = (await stack.FleetAsync()).ByNormalizedStatus();
            var seen = await DevicesByStatusAsync();
            return truth.OrderBy(kv => kv.Key).SequenceEqual(seen.OrderBy(kv => kv.Key))
                ? null
                : $"simulator {Format(truth)}; prometheus {Format(seen)}";
        }, stack.Describe);
        var shifted = await DevicesByStatusAsync();
        Count(shifted, expected).Should().Be(Count(before, expected) + 1);
        Count(shifted, oldStatus).Should().Be(Count(before, oldStatus) - 1);
    }

    /// <summary>
    /// Prometheus asks for OpenMetrics first: its reading a scrape of each endpoint proves the answer ends where it
    /// should (the process families before <c>/metrics</c>'s <c># EOF</c>, not after it).
    /// </summary>
    [RequiresToolsFact("prometheus")]
    public async Task Prometheus_stores_the_process_families_and_the_exporters_own_telemetry()
    {
        await stack.EnsureStartedAsync();

        await Eventually.SucceedsAsync("the process and telemetry series to be stored", async () =>
        {
            string[] queries =
            [
                "process_cpu_seconds_total{job=\"metaaccess\"}",
                "process_resident_memory_bytes{job=\"metaaccess\"}",
                "http_server_request_duration_seconds_count{job=\"metaaccess_telemetry\",http_route=\"/metrics\"}",
                "http_client_request_duration_seconds_count{job=\"metaaccess_telemetry\",http_response_status_code=\"200\"}",
            ];
            var missing = new List<string>();
            foreach (var query in queries)
            {
                var result = await stack.Prometheus.QueryAsync(query);
                if (result.Error is not null || result.Samples.Count == 0)
                {
                    missing.Add($"{query}: {result.Error ?? "no data"}");
                }
            }

            return missing.Count == 0 ? null : string.Join("\n", missing);
        }, stack.Describe);
    }

    [RequiresToolsFact("prometheus")]
    public async Task Every_dashboard_expression_runs_without_error()
    {
        await stack.EnsureStartedAsync();
        await WaitForCompleteModelAsync();

        var failures = new List<string>();
        foreach (var dashboard in DashboardFile.All())
        {
            foreach (var (where, expr) in dashboard.Expressions())
            {
                var result = await stack.Prometheus.QueryAsync(DashboardFile.Substitute(expr));
                if (result.Error is not null)
                {
                    failures.Add($"{where}: {result.Error}\n    {result.Query}");
                }
            }
        }

        failures.Should().BeEmpty("every dashboard query must be valid PromQL for Prometheus 2.42:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Panels that are empty on a healthy fleet by design, as docs/dashboards.md says: a list of what is wrong
    /// that is empty when nothing is. Every other panel shows data from the moment the exporter is scraped.
    /// </summary>
    private static readonly HashSet<string> EmptyWhenHealthy = new(StringComparer.Ordinal) { "Firing MetaAccess alerts" };

    [RequiresToolsFact("prometheus")]
    public async Task Every_dashboard_panel_query_returns_data()
    {
        await stack.EnsureStartedAsync();
        await WaitForCompleteModelAsync();
        var panels = DashboardFile.All()
            .SelectMany(d => d.Panels()
                .Where(p => !EmptyWhenHealthy.Contains((string?)p["title"] ?? ""))
                .SelectMany(p => p["targets"]?.AsArray().OfType<System.Text.Json.Nodes.JsonObject>() ?? [],
                    (p, t) => (Where: $"{d.Name} panel {p["id"]} \"{p["title"]}\" target {t["refId"]}", Expr: (string?)t["expr"] ?? "")))
            .ToList();
        panels.Should().HaveCountGreaterThan(40, "both dashboards' panel queries are checked");
        panels.Should().NotContain(p => string.IsNullOrWhiteSpace(p.Expr), "every panel target has a query");

        // Enrichment panels fill once device details have been fetched with the spare budget (6000/min
        // here, so within seconds), account panels once account details have been read, the inventory
        // ones once a pass has completed; hence a deadline rather than one look.
        var empty = panels;
        await Eventually.SucceedsAsync("every dashboard panel query to return data", async () =>
        {
            var stillEmpty = new List<(string Where, string Expr)>();
            foreach (var panel in empty)
            {
                var result = await stack.Prometheus.QueryAsync(DashboardFile.Substitute(panel.Expr));
                if (result.Error is not null || result.Samples.Count == 0)
                {
                    stillEmpty.Add(panel);
                }
            }

            empty = stillEmpty;
            return empty.Count == 0 ? null : "no data for:\n" + string.Join("\n", empty
                .Select(p => $"  {p.Where}: {DashboardFile.Substitute(p.Expr)}"));
        }, stack.Describe, TimeSpan.FromSeconds(90));
    }

    [RequiresToolsFact("prometheus")]
    public async Task Every_shipped_rule_loads_and_evaluates_without_error()
    {
        await stack.EnsureStartedAsync();
        await WaitForCompleteModelAsync();
        var shipped = RuleFiles.AllRules().Select(r => r.Rule.Alert ?? r.Rule.Record).ToList();

        IReadOnlyList<PrometheusClient.LoadedRule> rules = [];
        await Eventually.SucceedsAsync("every rule to have been evaluated", async () =>
        {
            rules = await stack.Prometheus.RulesAsync();
            var unevaluated = rules.Where(r => r.Health == "unknown").Select(r => r.Name).ToList();
            return rules.Count == shipped.Count && unevaluated.Count == 0
                ? null
                : $"{rules.Count} of {shipped.Count} rules loaded; not evaluated yet: {string.Join(", ", unevaluated)}";
        }, stack.Describe);

        rules.Select(r => r.Name).Should().BeEquivalentTo(shipped);
        rules.Where(r => r.Health != "ok").Select(r => $"{r.Name}: {r.Health} {r.LastError}").Should().BeEmpty();

        var failures = new List<string>();
        foreach (var rule in rules)
        {
            var result = await stack.Prometheus.QueryAsync(rule.Query);
            if (result.Error is not null)
            {
                failures.Add($"{rule.Name}: {result.Error}");
            }
        }

        failures.Should().BeEmpty();
    }

    [RequiresToolsFact("prometheus")]
    public async Task Recording_rules_agree_with_the_simulator()
    {
        await stack.EnsureStartedAsync();
        await WaitForCompleteModelAsync();
        var fleet = await stack.FleetAsync();
        var compliant = Count(fleet.ByNormalizedStatus(), "compliant");

        await Eventually.SucceedsAsync("account:metaaccess_devices:sum and the compliant ratio to match the simulator", async () =>
        {
            var total = await stack.Prometheus.ScalarAsync("sum(account:metaaccess_devices:sum)");
            var ratio = await stack.Prometheus.ScalarAsync("max(account:metaaccess_devices_compliant:ratio)");
            var expectedRatio = (double)compliant / fleet.Count;
            return total == fleet.Count && ratio is { } r && Math.Abs(r - expectedRatio) < 1e-9
                ? null
                : $"sum {total}, ratio {ratio} (expected {fleet.Count}, {expectedRatio})";
        }, stack.Describe);
    }

    private async Task WaitForCompleteModelAsync()
    {
        SimulatedFleet? fleet = null;
        await Eventually.SucceedsAsync("sum(metaaccess_devices) to equal the simulator's fleet", async () =>
        {
            fleet = await stack.FleetAsync();
            var sum = await stack.Prometheus.ScalarAsync("sum(metaaccess_devices)");
            return sum == fleet.Count ? null
                : $"prometheus {sum?.ToString(CultureInfo.InvariantCulture) ?? "(no data)"}, simulator {fleet}";
        }, stack.Describe, TimeSpan.FromSeconds(90));
        fleet!.Count.Should().Be(LiveStackFixture.DeviceCount, "the simulator was started with that many devices and no churn");
    }

    private async Task<(string DeviceId, string Status, string Severity)> PickDeviceAsync()
    {
        var fleet = await stack.FleetAsync();
        var series = await stack.Prometheus.QueryAsync("metaaccess_device_status");
        var byId = series.Samples.GroupBy(s => s.Labels["device_id"]).ToDictionary(g => g.Key, g => g.First());
        foreach (var id in fleet.DeviceIds)
        {
            if (byId.TryGetValue(id, out var sample))
            {
                return (id, sample.Labels["status"], sample.Labels["severity"]);
            }
        }

        Assert.Fail($"none of the simulator's devices has a metaaccess_device_status series ({series.Samples.Count} series)\n"
            + stack.Describe());
        return default;
    }

    private async Task<IReadOnlyDictionary<string, int>> DevicesByStatusAsync()
    {
        var result = await stack.Prometheus.QueryAsync("sum by (status) (metaaccess_devices)");
        return result.Samples.ToDictionary(s => s.Labels["status"], s => (int)s.Value, StringComparer.Ordinal);
    }

    private static int Count(IReadOnlyDictionary<string, int> byStatus, string status) => byStatus.TryGetValue(status, out var n) ? n : 0;

    private static string Format(IReadOnlyDictionary<string, int> byStatus) =>
        string.Join(", ", byStatus.OrderBy(kv => kv.Key).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));
}
