using MetaAccessExporter.Api;
using MetaAccessExporter.TestSupport.Pages;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Sync;

/// <summary>A skipped record still took its place on the page: the walk tells the last page by entries, not by records kept.</summary>
public sealed class SkippedRecordWalkTests : IDisposable
{
    private readonly WireMockServer _api = WireMockServer.Start();

    [Fact]
    public async Task A_full_page_with_a_skipped_record_is_not_taken_for_the_last_page()
    {
        // Page size 2 (SyncHarness): page 1 is full, one of its records is of the wrong shape.
        Serve(1, PageJson.Of([PageJson.Device("A"), """{"device_id":"B","issue":[]}"""]));
        Serve(2, PageJson.OfIds("C"));
        using var sync = new SyncHarness(_api.Url!, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)));

        await sync.Poller.RunCycleAsync(CancellationToken.None);

        sync.Model.ListDevices().Select(d => d.Id).Should().BeEquivalentTo(["A", "C"], "page 2 was read although page 1 kept one record");
        sync.Status.Up.Should().BeTrue("one bad record does not fail the cycle");
        sync.Get<ApiCallStats>().InvalidRecords.Counted().Should().Equal([(ApiEndpoint.StatusChanged, 1L)]);
    }

    public void Dispose() => _api.Stop();

    private void Serve(int page, string body) =>
        _api.Given(Request.Create().WithPath(PageJson.Path).WithBody(b => b!.Contains($"\"page\":{page},")))
            .RespondWith(Response.Create().WithBody(body));
}
