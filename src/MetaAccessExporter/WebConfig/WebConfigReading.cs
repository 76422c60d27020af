using System.Text;

namespace MetaAccessExporter.WebConfig;

/// <summary>One reading of the web configuration file: what it says, its TLS material and rate limiter, and what it read.</summary>
public sealed class WebConfigReading
{
    private readonly FileInputs _inputs;

    private WebConfigReading(WebConfiguration config, TlsMaterial? tls, TokenBucket? limiter, FileInputs inputs)
    {
        Config = config;
        Tls = tls;
        Limiter = limiter;
        _inputs = inputs;
    }

    public WebConfiguration Config { get; }

    public TlsMaterial? Tls { get; }

    public TokenBucket? Limiter { get; }

    /// <summary>True while no file this reading read has changed.</summary>
    public bool IsCurrent => _inputs.Unchanged();

    /// <param name="inputs">Records every file read, also when the reading fails, so that a caller can wait for a change.</param>
    /// <exception cref="WebConfigException">What cannot be used, naming the key.</exception>
    internal static WebConfigReading Load(string path, TimeProvider time, FileInputs inputs)
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
        var limiter = config.RateLimit is { } rate ? new TokenBucket(rate, time) : null;
        return new WebConfigReading(config, tls, limiter, inputs);
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
