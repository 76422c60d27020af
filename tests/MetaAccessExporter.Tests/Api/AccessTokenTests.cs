using MetaAccessExporter.Api;
using MetaAccessExporter.Tests.Support;
using MetaAccessExporter.TestSupport.Pages;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MetaAccessExporter.Tests.Api;

public sealed class AccessTokenTests : IDisposable
{
    private const string Page = PageJson.Path;
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly string _dir = Directory.CreateTempSubdirectory("metaaccess-tokens-").FullName;

    /// <summary>A delta window's start; these tests run on the system clock and look at tokens, not ages.</summary>
    private static DateTimeOffset MinuteAgo => DateTimeOffset.UtcNow.AddMinutes(-1);

    [Fact]
    public async Task OAuth_gets_a_token_with_the_form_encoded_client_credentials_grant()
    {
        GiveToken("first", expiresIn: 3600);
        AcceptToken("first");
        using var api = OAuthHarness(secret: "S3CRET");

        await api.StatusChanged.GetPageAsync(MinuteAgo, 1, 50, CancellationToken.None);

        var token = _server.LogEntries.First(e => e.RequestMessage.Path == "/o/oauth/token").RequestMessage;
        token.Method.Should().Be("POST");
        token.Body.Should().Contain("client_id=client").And.Contain("client_secret=S3CRET").And.Contain("grant_type=client_credentials");
        api.Requests(ApiEndpoint.Token, "200").Should().Be(1);
    }

    [Fact]
    public async Task A_401_renews_the_token_once_and_retries_the_request_once()
    {
        _server.Given(Request.Create().WithPath("/o/oauth/token")).InScenario("tokens").WillSetStateTo("first issued")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"first","expires_in":3600}"""));
        _server.Given(Request.Create().WithPath("/o/oauth/token")).InScenario("tokens").WhenStateIs("first issued")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"second","expires_in":3600}"""));
        AcceptToken("second");
        using var api = OAuthHarness(secret: "S3CRET");

        var page = await api.StatusChanged.GetPageAsync(MinuteAgo, 1, 50, CancellationToken.None);

        page.Should().NotBeNull();
        _server.LogEntries.Where(e => e.RequestMessage.Path == Page).Select(e => e.RequestMessage.Query!["access_token"].Single())
            .Should().Equal("first", "second");
        api.Requests(ApiEndpoint.StatusChanged, "401").Should().Be(1);
        api.Requests(ApiEndpoint.StatusChanged, "200").Should().Be(1);
        api.Budget.Used.Should().Be(4, "both tokens and both page requests took a slot");
    }

    [Fact]
    public async Task Repeated_401s_fail_the_call_instead_of_looping()
    {
        GiveToken("refused", expiresIn: 3600);
        _server.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithStatusCode(401));
        using var api = OAuthHarness(secret: "S3CRET");

        var failure = await FluentActions.Awaiting(() => api.StatusChanged.GetPageAsync(MinuteAgo, 1, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Code.Should().Be("401");
        _server.LogEntries.Count(e => e.RequestMessage.Path == Page).Should().Be(2, "one try and one retry with a renewed token");
        _server.LogEntries.Count(e => e.RequestMessage.Path == "/o/oauth/token").Should().Be(2);
        api.Requests(ApiEndpoint.StatusChanged, "401").Should().Be(2, "the retry is counted like any call");
    }

    [Fact]
    public async Task A_rotated_secret_file_is_read_at_the_next_renewal()
    {
        var secretFile = Path.Combine(_dir, "secret");
        await File.WriteAllTextAsync(secretFile, "old-secret\n");
        _server.Given(Request.Create().WithPath("/o/oauth/token").WithBody(b => b!.Contains("client_secret=new-secret")))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"new-token","expires_in":3600}"""));
        _server.Given(Request.Create().WithPath("/o/oauth/token").WithBody(b => b!.Contains("client_secret=old-secret")))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"old-token"}"""));
        AcceptToken("new-token");
        _server.Given(Request.Create().WithPath(Page).WithParam("access_token", "old-token"))
            .RespondWith(Response.Create().WithStatusCode(401));
        using var api = new ApiHarness(_server.Url!, o =>
        {
            o.AccessToken = null;
            o.ClientId = "client";
            o.ClientSecretFile = secretFile;
        });
        await FluentActions.Awaiting(() => api.StatusChanged.GetPageAsync(MinuteAgo, 1, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        await File.WriteAllTextAsync(secretFile, "new-secret\n");
        var page = await api.StatusChanged.GetPageAsync(MinuteAgo, 1, 50, CancellationToken.None);

        page.Should().NotBeNull("the rotated secret was read when the token was renewed, without a restart");
        SentSecrets().Should().Equal(["old-secret", "old-secret", "new-secret"], "the file is read at each renewal, not once at start");
        SentTokens().Should().Equal(["old-token", "old-token", "old-token", "new-token"],
            "the token still held is tried first; its refusal triggers the renewal that reads the new secret");
    }

    [Fact]
    public async Task A_refused_client_secret_fails_with_a_message_naming_the_keys_but_not_the_secret()
    {
        _server.Given(Request.Create().WithPath("/o/oauth/token")).RespondWith(Response.Create().WithStatusCode(401));
        using var api = OAuthHarness(secret: "S3CRET");

        var failure = await FluentActions.Awaiting(() => api.StatusChanged.GetPageAsync(MinuteAgo, 1, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        failure.Which.Endpoint.Should().Be(ApiEndpoint.Token);
        failure.Which.Message.Should().Contain("MetaAccess:ClientId").And.NotContain("S3CRET");
        api.Requests(ApiEndpoint.Token, "401").Should().Be(1);
    }

    [Fact]
    public async Task A_token_file_is_re_read_after_the_api_refuses_its_token()
    {
        var tokenFile = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(tokenFile, "stale\n");
        AcceptToken("fresh");
        _server.Given(Request.Create().WithPath(Page).WithParam("access_token", "stale"))
            .RespondWith(Response.Create().WithStatusCode(401));
        using var api = new ApiHarness(_server.Url!, o =>
        {
            o.AccessToken = null;
            o.AccessTokenFile = tokenFile;
        });
        await FluentActions.Awaiting(() => api.StatusChanged.GetPageAsync(MinuteAgo, 1, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        await File.WriteAllTextAsync(tokenFile, "fresh\n");
        var page = await api.StatusChanged.GetPageAsync(MinuteAgo, 1, 50, CancellationToken.None);

        page.Should().NotBeNull();
        SentTokens().Should().Equal(["stale", "stale", "fresh"], "the file is read again when the API refuses its token, and only then");
        api.Requests(ApiEndpoint.StatusChanged, "200").Should().Be(1);
    }

    [Fact]
    public async Task A_token_file_that_still_holds_the_refused_token_costs_no_retry()
    {
        var tokenFile = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(tokenFile, "stale\n");
        _server.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithStatusCode(401));
        using var api = new ApiHarness(_server.Url!, o =>
        {
            o.AccessToken = null;
            o.AccessTokenFile = tokenFile;
        });

        await FluentActions.Awaiting(() => api.StatusChanged.GetPageAsync(MinuteAgo, 1, 50, CancellationToken.None))
            .Should().ThrowAsync<MetaAccessApiException>();

        _server.LogEntries.Should().HaveCount(1);
        api.Requests(ApiEndpoint.StatusChanged, "401").Should().Be(1);
        api.Budget.Used.Should().Be(1, "no slot was spent on a retry that could only be refused again");
    }

    public void Dispose()
    {
        _server.Stop();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The access tokens the page requests carried, in order.</summary>
    private List<string> SentTokens() => _server.LogEntries.Where(e => e.RequestMessage.Path == Page)
        .Select(e => e.RequestMessage.Query!["access_token"].Single()).ToList();

    /// <summary>The client secrets the token requests carried, in order.</summary>
    private List<string> SentSecrets() => _server.LogEntries.Where(e => e.RequestMessage.Path == "/o/oauth/token")
        .Select(e => System.Web.HttpUtility.ParseQueryString(e.RequestMessage.Body!)["client_secret"]!).ToList();

    private ApiHarness OAuthHarness(string secret) => new(_server.Url!, o =>
    {
        o.AccessToken = null;
        o.ClientId = "client";
        o.ClientSecret = secret;
    });

    private void GiveToken(string token, int? expiresIn) =>
        _server.Given(Request.Create().WithPath("/o/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(expiresIn is { } s
                ? $"{{\"access_token\":\"{token}\",\"token_type\":\"bearer\",\"expires_in\":{s}}}"
                : $"{{\"access_token\":\"{token}\"}}"));

    private void AcceptToken(string token)
    {
        _server.Given(Request.Create().WithPath(Page).WithParam("access_token", token)).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(PageJson.Empty));
        _server.Given(Request.Create().WithPath(Page)).AtPriority(10).RespondWith(Response.Create().WithStatusCode(401));
    }
}
