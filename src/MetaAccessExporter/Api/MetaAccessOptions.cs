using System.ComponentModel;

namespace MetaAccessExporter.Api;

/// <summary>The <c>MetaAccess</c> configuration section: which account to read and how fast.</summary>
public sealed class MetaAccessOptions
{
    public const string Section = "MetaAccess";

    [Description("API root; other tenants use other hosts with the same paths")]
    public Uri BaseUrl { get; set; } = new("https://gears.opswat.com");

    [Description("a fixed access token (secret)")]
    public string? AccessToken { get; set; }

    [Description("a file holding the access token, re-read when the API rejects it")]
    public string? AccessTokenFile { get; set; }

    [Description("OAuth client id; the exporter gets and renews tokens itself")]
    public string? ClientId { get; set; }

    [Description("OAuth client secret (secret)")]
    public string? ClientSecret { get; set; }

    [Description("a file holding the OAuth client secret, re-read on every renewal")]
    public string? ClientSecretFile { get; set; }

    [Description("the value of the account label")]
    public string Account { get; set; } = "default";

    [Description("time between delta polls")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Description("the account's API budget, never exceeded in any 60-second window")]
    public int RequestsPerMinute { get; set; } = 10;

    [Description("devices per page, 1 to 50")]
    public int PageSize { get; set; } = 50;

    [Description("per-request timeout")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Description("how far before the previous cycle's start the next delta window begins")]
    public TimeSpan SyncOverlap { get; set; } = TimeSpan.FromMinutes(2);

    internal bool UsesOAuth => ClientId is not null;

    /// <summary>
    /// An empty value means "not set" (an unset environment variable in a compose file, or --demo
    /// clearing the credentials of a real account), so blank credentials are turned into null once.
    /// </summary>
    internal void TreatBlankCredentialsAsUnset()
    {
        AccessToken = NullIfBlank(AccessToken);
        AccessTokenFile = NullIfBlank(AccessTokenFile);
        ClientId = NullIfBlank(ClientId);
        ClientSecret = NullIfBlank(ClientSecret);
        ClientSecretFile = NullIfBlank(ClientSecretFile);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
