using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// Reads exporter-toolkit's web configuration as the toolkit does: strictly (an unknown key is an error), with
/// relative file names taken from the file's own folder, and with the toolkit's checks of hashes and headers.
/// </summary>
public static partial class WebConfigReader
{
    // The headers the toolkit lets a file set, with their allowed values where those are an enumeration.
    private static readonly Dictionary<string, string[]> ExtraHeaders = new(StringComparer.Ordinal)
    {
        ["Strict-Transport-Security"] = [],
        ["X-Content-Type-Options"] = ["nosniff"],
        ["X-Frame-Options"] = ["deny", "sameorigin"],
        ["X-XSS-Protection"] = [],
        ["Content-Security-Policy"] = [],
    };

    /// <param name="directory">Where relative file names are taken from: the file's own folder.</param>
    /// <exception cref="WebConfigException">What the exporter cannot honour, naming the key.</exception>
    public static WebConfiguration Parse(string yaml, string directory)
    {
        var root = Root(yaml);
        if (root is null)
            return WebConfiguration.Empty;
        root.AllowOnly("tls_server_config", "http_server_config", "basic_auth_users", "rate_limit");
        var tls = root.Section("tls_server_config") is { } tlsSection ? TlsConfigReader.Read(tlsSection, directory) : null;
        var http = root.Section("http_server_config") is { } httpSection ? Http(httpSection) : HttpServerConfig.Default;
        var users = root.Section("basic_auth_users") is { } usersSection ? Users(usersSection) : new Dictionary<string, string>();
        var rateLimit = root.Section("rate_limit") is { } rateSection ? RateLimit(rateSection) : null;
        return new WebConfiguration(tls, http, users, rateLimit);
    }

    private static YamlSection? Root(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new WebConfigException($"is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}", ex);
        }
        return stream.Documents.FirstOrDefault()?.RootNode switch
        {
            null => null,
            YamlMappingNode mapping => new YamlSection(mapping, ""),
            YamlScalarNode { Value: null or "" } => null,
            _ => throw new WebConfigException("must be a mapping of keys (tls_server_config, basic_auth_users, …) to values"),
        };
    }

    private static HttpServerConfig Http(YamlSection section)
    {
        section.AllowOnly("http2", "headers");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (section.Section("headers") is { } headerSection)
        {
            foreach (var (name, value) in headerSection.Pairs())
            {
                if (!ExtraHeaders.TryGetValue(name, out var allowed))
                    throw headerSection.Error(name, $"cannot be set (these can: {string.Join(", ", ExtraHeaders.Keys)})");
                if (allowed.Length > 0 && !allowed.Contains(value, StringComparer.Ordinal))
                    throw headerSection.Error(name, $"'{value}' is not one of {string.Join(", ", allowed)}");
                // Blank means unset, as in the toolkit.
                if (value.Length > 0)
                    headers[name] = value;
            }
        }
        return new HttpServerConfig(section.Bool("http2") ?? true, headers);
    }

    private static Dictionary<string, string> Users(YamlSection section)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (user, hash) in section.Pairs())
        {
            // The hash is not quoted back: it is as good as a password to an offline guesser.
            if (!BcryptHash().IsMatch(hash))
                throw section.Error(user, "is not a bcrypt hash ($2a$, $2b$ or $2y$, a cost from 04 to 31, then 53 characters)");
            users[user] = hash;
        }
        return users;
    }

    private static RateLimitConfig? RateLimit(YamlSection section)
    {
        section.AllowOnly("interval", "burst");
        string interval = section.String("interval") ?? "0";
        if (!GoDuration.TryParse(interval, out var every))
            throw section.Error("interval", $"'{interval}' is not a duration such as 100ms, 1s or 1m30s");
        string burstText = section.String("burst") ?? "0";
        if (!int.TryParse(burstText, out int burst) || burst < 0)
            throw section.Error("burst", $"'{burstText}' is not a whole number of requests, 0 or more");
        if (every == TimeSpan.Zero)
            return null; // 0 turns the limiter off, as in the toolkit
        if (burst == 0)
            throw section.Error("burst", "must be at least 1 when an interval is set, or every request would be refused");
        return new RateLimitConfig(every, burst);
    }

    [GeneratedRegex(@"^\$2[abxy]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$")]
    private static partial Regex BcryptHash();
}
