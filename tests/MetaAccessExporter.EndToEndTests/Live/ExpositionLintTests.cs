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
