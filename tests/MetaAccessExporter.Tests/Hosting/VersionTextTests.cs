using MetaAccessExporter.Hosting;
using MetaAccessExporter.Metrics;

namespace MetaAccessExporter.Tests.Hosting;

public class VersionTextTests
{
    [Fact]
    public void Version_is_a_switch_of_its_own_not_a_setting()
    {
        var cli = CommandLine.Parse(["--version"]);

        cli.Version.Should().BeTrue();
        cli.ConfigurationArgs.Should().BeEmpty();
        HelpText.Render().Should().Contain("--version");
    }

    [Fact]
    public void Version_names_the_build_its_revision_and_where_it_runs_as_prometheus_exporters_do()
    {
        var lines = VersionText.Render().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().Be($"metaaccess_exporter, version {BuildInfo.Current.Version} (revision: {BuildInfo.Current.Revision})");
        lines[1].Should().Be($"  runtime: .NET {Environment.Version}");
        lines[2].Should().MatchRegex(@"^  platform: [a-z]+/[a-z0-9]+$");
    }
}
