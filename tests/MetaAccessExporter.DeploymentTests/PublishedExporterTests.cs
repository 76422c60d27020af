using System.Net;

namespace MetaAccessExporter.DeploymentTests;

/// <summary>The image's build and start, without an engine: see <see cref="PublishedExporter"/>.</summary>
public sealed class PublishedExporterTests(PublishedExporter published, ITestOutputHelper output) : IClassFixture<PublishedExporter>
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SyncDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Published_output_serves_healthz_and_metrics_in_demo_mode()
    {
        output.WriteLine($"published with: {string.Join(' ', published.PublishCommand)}");
        await published.WaitForAsync("/healthz", StartDeadline);

        var metrics = await published.WaitForAsync("/metrics", StartDeadline, contains: "metaaccess_up");
        metrics.Should().Contain("metaaccess_exporter_build_info");
    }

    [Fact]
    public async Task Published_output_becomes_ready_and_serves_devices_in_demo_mode()
    {
        await published.WaitForAsync("/readyz", SyncDeadline);
        var devices = await published.WaitForAsync("/metrics/devices", StartDeadline, contains: "metaaccess_device_info");
        devices.Should().Contain("metaaccess_device_status");
        var metrics = await published.WaitForAsync("/metrics", StartDeadline, contains: "metaaccess_up{");
        metrics.Should().MatchRegex(@"(?m)^metaaccess_up\{[^}]*\} 1(\.0)?$", "the demo's poll cycles complete");
    }

    [Fact]
    public async Task Healthcheck_command_exits_0_against_a_healthy_exporter()
    {
        await published.WaitForAsync("/healthz", StartDeadline);
        var result = await Probe($"http://127.0.0.1:{published.Port}/healthz");
        result.ExitCode.Should().Be(0, result.ToString());
    }

    [Fact]
    public async Task Healthcheck_command_fails_against_a_closed_port()
    {
        var result = await Probe($"http://127.0.0.1:{FreePort.Next()}/healthz");
        result.ExitCode.Should().NotBe(0, result.ToString());
    }

    [Fact]
    public async Task Healthcheck_command_fails_on_a_non_200_answer()
    {
        // /readyz is not 200 on a fresh exporter, but a 404 is certain.
        await published.WaitForAsync("/healthz", StartDeadline);
        var result = await Probe($"http://127.0.0.1:{published.Port}/no-such-page");
        result.ExitCode.Should().NotBe(0, result.ToString());
    }

    /// <summary>The Dockerfile's HEALTHCHECK command, pointed at a URL, run from the publish folder.</summary>
    private Task<ToolRun> Probe(string url)
    {
        var command = published.HealthCheck;
        return ToolRun.RunAsync(command[0], [.. command.Skip(1), url], published.PublishDirectory, timeout: TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Root_page_answers()
    {
        await published.WaitForAsync("/healthz", StartDeadline);
        using var response = await published.Http.GetAsync(published.BaseUri);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
