using MetaAccessExporter.EndToEndTests.Infrastructure;

namespace MetaAccessExporter.EndToEndTests.Live;

/// <summary>What the exporter serves passes Prometheus's own linter, on both endpoints and in both formats' content.</summary>
[Collection(LiveStackCollection.Name)]
public sealed class ExpositionLintTests(LiveStackFixture stack)
{
    [RequiresToolsTheory("prometheus", "promtool")]
    [InlineData("/metrics")]
    [InlineData("/metrics/devices")]
    public async Task Promtool_check_metrics_finds_nothing_to_complain_about(string path)
    {
        await stack.EnsureStartedAsync();
        var scrape = await stack.Exporter.GetStringAsync(path);
        scrape.Should().Contain("metaaccess_", "the endpoint must serve the exporter's series");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, scrape);

            // promtool reads the exposition on standard input.
            var run = await ToolRun.RunAsync("bash", ["-c", "\"$0\" check metrics < \"$1\"", Tools.Require("promtool"), file]);

            run.ExitCode.Should().Be(0, run.ToString());
            run.Output.Trim().Should().BeEmpty(run.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
