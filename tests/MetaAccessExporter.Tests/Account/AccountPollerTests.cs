using MetaAccessExporter.Account;
using MetaAccessExporter.Api;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Hosting;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Account;

/// <summary>When account details are read: at start, every Account:RefreshInterval, and a failure is not a stream of calls.</summary>
public sealed class AccountPollerTests : IDisposable
{
    private const string Path = "/o/api/v3.1/account";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeClock _time = new(T0);

    [Fact]
    public async Task Reads_at_start_and_then_once_every_refresh_interval()
    {
        Answer(200, """{"devices_allowed":10,"devices_used":0,"devices_by_status":[]}""");
        using var exporter = Exporter();
        var poller = exporter.Get<AccountPoller>();

        await ((IHostedService)poller).StartAsync(CancellationToken.None);
        await _time.AdvanceInStepsAsync(TimeSpan.FromMinutes(46), TimeSpan.FromSeconds(5));
        await ((IHostedService)poller).StopAsync(CancellationToken.None);

        Reads().Should().Be(4, "at 0, 15, 30 and 45 minutes");
        exporter.Get<AccountHealth>().Current.Refreshes.Should().Be(4);
    }

    [Fact]
    public async Task A_refused_read_is_tried_three_times_then_left_to_the_next_interval()
    {
        Answer(403, """{"error":"forbidden"}""");
        using var exporter = Exporter();
        var poller = exporter.Get<AccountPoller>();

        await ((IHostedService)poller).StartAsync(CancellationToken.None);
        await _time.AdvanceInStepsAsync(TimeSpan.FromMinutes(14), TimeSpan.FromSeconds(5));
        Reads().Should().Be(3);
        await _time.AdvanceInStepsAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5));
        await ((IHostedService)poller).StopAsync(CancellationToken.None);

        Reads().Should().Be(6, "the next interval tries again");
        var status = exporter.Get<AccountHealth>().Current;
        status.Failures.Should().Be(6);
        status.Latest.Should().BeNull();
        status.LastError.Should().Contain("403").And.NotContain("SECRET-TOKEN-123");
    }

    public void Dispose() => _server.Dispose();

    private SyncHarness Exporter() => new(_server.Url!, _time);

    private int Reads() => _server.LogEntries.Count(e => e.RequestMessage.Path == Path);

    private void Answer(int status, string body) =>
        _server.Given(Request.Create().WithPath(Path)).RespondWith(Response.Create().WithStatusCode(status).WithBody(body));
}
