using System.Text.RegularExpressions;

namespace MetaAccessExporter.Api;

/// <summary>
/// The API takes the access token in the URL query, and a <c>BaseUrl</c> may carry a user and
/// password (<c>https://user:pass@host/</c>, for a proxy), so any URL on its way to a log, an
/// exception message or a page goes through here first.
/// </summary>
public static partial class UrlRedactor
{
    public const string Mask = "REDACTED";

    public static string Redact(Uri? uri) => uri is null ? "" : Redact(uri.ToString());

    public static string Redact(string text) =>
        UserInfo().Replace(SecretParameter().Replace(text, m => m.Groups[1].Value + Mask), m => m.Groups[1].Value + Mask + "@");

    [GeneratedRegex(@"((?:access_token|client_secret|refresh_token|token)=)[^&\s""'#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();

    // scheme://userinfo@ : everything between "//" and the "@" that ends the authority.
    [GeneratedRegex(@"(\b[a-z][a-z0-9+.\-]*://)[^/@\s""'#?]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfo();
}
