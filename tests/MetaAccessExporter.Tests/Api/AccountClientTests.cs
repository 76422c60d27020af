using MetaAccessExporter.Api;
using MetaAccessExporter.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Api;

/// <summary>Account Details v3.1 over real HTTP: the token both ways, the counts whole or not at all.</summary>
public sealed class AccountClientTests : IDisposable
{
    private const string Path = "/o/api/v3.1/account";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ApiHarness _api;

    public AccountClientTests() => _api = new ApiHarness(_server.Url!);

    [Fact]
    public async Task Sends_the_token_as_the_header_its_page_documents_and_in_the_query_like_every_other_call()
    {
        Answer("""{"name":"Acme","devices_allowed":500,"devices_used":3,"devices_by_status":[]}""");

        await _api.Get<AccountClient>().GetAsync(CancellationToken.None);

        var request = _server.LogEntries.Single().RequestMessage;
        request.Method.Should().Be("GET");
        request.Headers!["access_token"].Should().Equal("SECRET-TOKEN-123");
        request.Query!["access_token"].Should().Equal("SECRET-TOKEN-123");
    }

    [Fact]
    public async Task Reads_the_licence_and_both_breakdowns_as_the_vendor_spells_them()
    {
        Answer("""
            {"name":"Acme","devices_allowed":"500","devices_used":3,
             "devices_by_status":[{"status":"compliant","number_of_devices":2},{"status":"non-compliant","number_of_devices":1},],
             "devices_by_issue_severity":[{"severity":"critical","number_of_devices":1},{"name":"no_issue","number_of_devices":"2"}],
             "devices_by_vulnerability_severity":[{"severity":"important","number_of_devices":1}]}
            """);

        var details = await _api.Get<AccountClient>().GetAsync(CancellationToken.None);

        details.Name.Should().Be("Acme");
        details.DevicesAllowed.Should().Be(500);
        details.DevicesUsed.Should().Be(3);
        details.ByStatus.Should().Equal([new("compliant", 2L), new("non-compliant", 1L)]);
        details.BySeverity.Should().Equal([new("critical", 1L), new("no_issue", 2L)]);
    }

    [Theory]
    [InlineData("""{"name":"Acme","devices_used":3}""")]
    [InlineData("""{"devices_by_status":[{"status":"compliant"}]}""")]
    [InlineData("""{"devices_by_status":[{"number_of_devices":4}]}""")]
    [InlineData("""{"devices_by_status":[{"status":"compliant","number_of_devices":-1}]}""")]
    [InlineData("""{"devices_by_status":[],"devices_allowed":-5}""")]
    [InlineData("""<html>maintenance</html>""")]
    public async Task Counts_that_are_not_whole_fail_the_answer_as_invalid(string body)
    {
        Answer(body);

        var failure = await FluentActions.Awaiting(() => _api.Get<AccountClient>().GetAsync(CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("invalid");
        _api.Stats.InvalidResponses.Counted().Should().Equal((ApiEndpoint.Account, 1L));
        _api.Requests(ApiEndpoint.Account, "200").Should().Be(1);
    }

    public void Dispose()
    {
        _api.Dispose();
        _server.Dispose();
    }

    private void Answer(string body) =>
        _server.Given(Request.Create().WithPath(Path).UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(body));
}
