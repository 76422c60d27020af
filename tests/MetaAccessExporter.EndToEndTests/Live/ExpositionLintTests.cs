using System.Text.RegularExpressions;
using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Live;

/// <summary>What the exporter serves passes Prometheus's own linter, on every endpoint.</summary>
[Collection(LiveStackCollection.Name)]
public sealed class ExpositionLintTests(LiveStackFixture stack)
{
    [RequiresToolsTheory("prometheus", "promtool")]
    [InlineData("/metrics", "process_cpu_seconds_total ")]
    [InlineData("/metrics/devices", "metaaccess_device_info{")]
    public async Task Promtool_check_metrics_finds_nothing_to_complain_about(string path, string sample)
    {
        await stack.EnsureStartedAsync();
        var scrape = await stack.Exporter.GetStringAsync(path);
        scrape.Should().Contain("metaaccess_", "the endpoint must serve the exporter's series")
            .And.Contain("\n" + sample, "every kind of family the endpoint serves is linted");

        var run = await PromtoolAsync(scrape);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Trim().Should().BeEmpty(run.ToString());
    }

    /// <summary>
    /// OpenTelemetry's names follow its semantic conventions, which promtool's naming rules predate: gauges such as
    /// <c>dotnet.assembly.count</c> end in <c>_count</c>. Those notes are expected; anything else (and any parse error,
    /// exit code 1) is not.
    /// </summary>
    [RequiresToolsFact("prometheus", "promtool")]
    public async Task Promtool_parses_telemetry_and_questions_only_the_runtimes_count_names()
    {
        await stack.EnsureStartedAsync();
        var scrape = await stack.Exporter.GetStringAsync("/metrics/telemetry");
        scrape.Should().Contain("\nhttp_server_request_duration_seconds_bucket{")
            .And.Contain("\nhttp_client_request_duration_seconds_bucket{");

        var run = await PromtoolAsync(scrape);

        run.ExitCode.Should().BeOneOf([0, 3], "3 is lint notes only, 1 a scrape Prometheus could not parse\n" + run);
        run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(
            line => Regex.IsMatch(line, "^dotnet_[a-z_]+_count non-histogram and non-summary metrics should not have \"_count\" suffix$"),
            run.ToString());
    }

    private static async Task<ToolRun> PromtoolAsync(string scrape)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, scrape);
            // promtool reads the exposition on standard input.
            return await ToolRun.RunAsync("bash", ["-c", "\"$0\" check metrics < \"$1\"", Tools.Require("promtool"), file]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
