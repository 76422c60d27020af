using System.Text;

namespace MetaAccessExporter.WebConfig;

/// <summary>One reading of the web configuration file: what it says, its TLS material and rate limiter, and what it read.</summary>
public sealed class WebConfigReading
{
    private WebConfigReading(WebConfiguration config, TlsMaterial? tls, TokenBucket? limiter, FileInputs inputs)
    {
        Config = config;
        Tls = tls;
        Limiter = limiter;
        Users = new BasicAuthUsers(config.BasicAuthUsers);
        Inputs = inputs;
    }

    public WebConfiguration Config { get; }

    public TlsMaterial? Tls { get; }

    public TokenBucket? Limiter { get; }

    public BasicAuthUsers Users { get; }

    /// <summary>The files this reading read, with their bytes.</summary>
    internal FileInputs Inputs { get; }

    /// <summary>True while no file this reading read has changed.</summary>
    public bool IsCurrent => Inputs.Unchanged();

    /// <summary>Whether it asks anything of a client: TLS, a password, a rate limit or a header.</summary>
    public bool TurnsSomethingOn =>
        Config.Tls is not null || Config.BasicAuthUsers.Count > 0 || Config.RateLimit is not null || Config.Http.Headers.Count > 0;

    /// <param name="inputs">Records every file read, also when the reading fails, so that a caller can wait for a change.</param>
    /// <param name="previous">Its rate limiter carries on when the limit did not change: an edit does not refill it.</param>
    /// <exception cref="WebConfigException">What cannot be used, naming the key.</exception>
    internal static WebConfigReading Load(string path, TimeProvider time, FileInputs inputs, WebConfigReading? previous = null)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(inputs.Read(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WebConfigException($"cannot be read: {ex.Message}", ex);
        }
        var config = WebConfigReader.Parse(text, Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tls = config.Tls is { } tlsConfig ? TlsMaterial.Load(tlsConfig, input => Pem(input, inputs)) : null;
        var limiter = config.RateLimit is not { } rate ? null
            : previous?.Config.RateLimit == rate ? previous.Limiter
            : new TokenBucket(rate, time);
        return new WebConfigReading(config, tls, limiter, inputs);
    }

    /// <summary>One line for the log, naming no secret: what the configuration asks of a client.</summary>
    public string Summary()
    {
        string tls = Config.Tls is { } t
            ? $"TLS on (client certificates: {t.ClientAuth}{(t.ClientAllowedSans is { } sans ? $", {sans.Count} allowed SANs" : "")})"
            : "TLS off";
        string rate = Config.RateLimit is { } r ? $"a rate limit of one request per {r.Interval} (burst {r.Burst})" : "no rate limit";
        return $"{tls}, {Config.BasicAuthUsers.Count} basic-auth users, {rate}";
    }

    private static string Pem(PemInput input, FileInputs inputs)
    {
        if (input.Path is null)
            return input.Inline!;
        try
        {
            return Encoding.UTF8.GetString(inputs.Read(input.Path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw TlsMaterial.Error(input, $"cannot be read ({ex.Message})");
        }
    }
}
