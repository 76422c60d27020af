using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Enrichment;

public sealed class EnrichmentWorkerTests : IDisposable
{
    private const string Page = PageJson.Path;
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(Devices.Now);

    [Fact]
    public async Task Details_feed_the_category_and_infection_metrics_and_a_404_marks_the_device_unavailable()
    {
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithBody(PageJson.Of(
        [
            PageJson.Device("A", "non-compliant", "critical", "Finance", issues: new Issues(2, 1, 0)),
            PageJson.Device("B", severity: null, group: "Finance"),
            PageJson.Device("C", severity: null, group: "Sales"),
        ])));
        _api.Given(Request.Create().WithPath("/o/api/v2.1/devices/A")).RespondWith(Response.Create().WithBody("""
            {"hwid":"A","applications":[{"category":"Firewall","has_issue":1,"has_critical_issue":1},
                                        {"category":"Backup","has_issue":1,"has_critical_issue":0}],
             "infections":[{"category":"malware_scan","total_threats":2,"threats":[{"ThreatName":"EICAR"},{"ThreatName":"X"}]}]}
            """));
        _api.Given(Request.Create().WithPath("/o/api/v2.1/devices/B"))
            .RespondWith(Response.Create().WithBody("""
                {"hwid":"B","applications":[{"category":"Backup","has_issue":1,"has_critical_issue":0}]}
                """));
        _api.Given(Request.Create().WithPath("/o/api/v2.1/devices/C")).RespondWith(Response.Create().WithStatusCode(404));
        using var sync = new SyncHarness(_api.Url!, _time, configure: o => o.PageSize = 50);
        await sync.Poller.RunCycleAsync(CancellationToken.None);
        var worker = sync.Get<EnrichmentWorker>();

        (await worker.RunBatchAsync(CancellationToken.None)).Should().Be(TimeSpan.Zero);

        var fleet = sync.Model.Snapshot(_time.GetUtcNow());
        fleet.CategoryIssues.Select(c => (c.Category, c.Count)).Should().Equal(("Backup", 2), ("Firewall", 1));
        fleet.CriticalCategoryIssues.Select(c => (c.Category, c.Count)).Should().Equal(("Firewall", 1));
        fleet.Groups.Single(g => g.Group == "Finance")
            .Should().Match<MetaAccessExporter.Model.GroupSnapshot>(g => g.DevicesInfected == 1 && g.Threats == 2);
        sync.Model.Find("C")!.Details!.Unavailable.Should().BeTrue();
        worker.Current.Should().Be(new EnrichmentProgress(1, TimeSpan.Zero, 0));

        var idle = await worker.RunBatchAsync(CancellationToken.None);
        idle.Should().Be(TimeSpan.FromSeconds(30), "nothing is due for a day: the worker only looks again in 30 s, for devices sync adds");
        _api.LogEntries.Count(e => e.RequestMessage.Path == "/o/api/v2.1/devices/C").Should().Be(1, "a 404 is not retried in a loop");
    }

    [Fact]
    public async Task Per_device_category_issues_appear_on_metrics_devices()
    {
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithBody(PageJson.OfIds("A")));
        _api.Given(Request.Create().WithPath("/o/api/v2.1/devices/A"))
            .RespondWith(Response.Create().WithBody("""{"applications":[{"category":"Hard Drive","has_issue":1}]}"""));
        using var sync = new SyncHarness(_api.Url!, _time);
        await sync.Poller.RunCycleAsync(CancellationToken.None);

        await sync.Get<EnrichmentWorker>().RunBatchAsync(CancellationToken.None);

        Exposition.Render(sync.Get<DeviceSeriesCache>())
            .Should().Contain("""metaaccess_device_category_issue{account="acme",device_id="A",category="Hard Drive"} 1""" + "\n");
    }

    [Fact]
    public async Task A_failed_details_call_pauses_enrichment_instead_of_hammering()
    {
        _api.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithBody(PageJson.OfIds("A", "B")));
        _api.Given(Request.Create().WithPath("/o/api/v2.1/devices/A")).RespondWith(Response.Create().WithStatusCode(500));
        using var sync = new SyncHarness(_api.Url!, _time, configure: o => o.PageSize = 50);
        await sync.Poller.RunCycleAsync(CancellationToken.None);

        var pause = await sync.Get<EnrichmentWorker>().RunBatchAsync(CancellationToken.None);

        pause.Should().Be(TimeSpan.FromSeconds(30), "a failing details call is retried every 30 s, as the log tells operators");
        _api.LogEntries.Count(e => e.RequestMessage.Path.StartsWith("/o/api/v2.1/", StringComparison.Ordinal))
            .Should().Be(1, "the batch stops at the first failure instead of asking for B as well");
    }

    public void Dispose() => _api.Stop();
}
