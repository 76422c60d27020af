using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Api;

/// <summary>
/// Rejects a configuration the poller could only half use. Each failure names its key, so start-up
/// says exactly what to fix; secret values are never echoed.
/// </summary>
internal sealed class MetaAccessOptionsValidator : IValidateOptions<MetaAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, MetaAccessOptions o)
    {
        var failures = new List<string>();
        if (!o.BaseUrl.IsAbsoluteUri || (o.BaseUrl.Scheme != Uri.UriSchemeHttp && o.BaseUrl.Scheme != Uri.UriSchemeHttps))
            failures.Add("MetaAccess:BaseUrl must be an absolute http or https URL.");
        if (string.IsNullOrWhiteSpace(o.Account))
            failures.Add("MetaAccess:Account must not be empty.");
        if (o.PollInterval < TimeSpan.FromSeconds(1) || o.PollInterval > TimeSpan.FromHours(12))
            failures.Add("MetaAccess:PollInterval must be between 00:00:01 and 12:00:00.");
        if (o.RequestsPerMinute < 1)
            failures.Add("MetaAccess:RequestsPerMinute must be at least 1.");
        if (o.PageSize is < 1 or > 50)
            failures.Add("MetaAccess:PageSize must be between 1 and 50 (the API answers 406 outside it).");
        if (o.RequestTimeout <= TimeSpan.Zero || o.RequestTimeout > TimeSpan.FromMinutes(10))
            failures.Add("MetaAccess:RequestTimeout must be between 00:00:00.001 and 00:10:00.");
        if (o.SyncOverlap < TimeSpan.Zero || o.SyncOverlap > TimeSpan.FromHours(1))
            failures.Add("MetaAccess:SyncOverlap must be between 00:00:00 and 01:00:00.");
        failures.AddRange(CredentialFailures(o));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> CredentialFailures(MetaAccessOptions o)
    {
        bool fixedToken = Has(o.AccessToken) || Has(o.AccessTokenFile);
        bool oauth = Has(o.ClientId) || Has(o.ClientSecret) || Has(o.ClientSecretFile);
        if (fixedToken && oauth)
            yield return "MetaAccess:AccessToken(File) and MetaAccess:ClientId/ClientSecret(File) are exclusive: configure one.";
        else if (!fixedToken && !oauth)
            yield return "MetaAccess:AccessToken, MetaAccess:AccessTokenFile or MetaAccess:ClientId with ClientSecret(File) is required "
                + "(or run with --demo).";
        if (Has(o.AccessToken) && Has(o.AccessTokenFile))
            yield return "MetaAccess:AccessToken and MetaAccess:AccessTokenFile are exclusive: configure one.";
        if (oauth)
        {
            if (!Has(o.ClientId))
                yield return "MetaAccess:ClientId is required with a client secret.";
            if (Has(o.ClientSecret) == Has(o.ClientSecretFile))
                yield return "MetaAccess:ClientSecret or MetaAccess:ClientSecretFile (exactly one) is required with MetaAccess:ClientId.";
        }
        (string Key, string? Path)[] files =
            [("MetaAccess:AccessTokenFile", o.AccessTokenFile), ("MetaAccess:ClientSecretFile", o.ClientSecretFile)];
        foreach (var (key, path) in files)
        {
            if (Has(path) && !File.Exists(path))
                yield return $"{key} names a file that does not exist: {path}";
        }
    }

    private static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);
}
