namespace MetaAccessExporter.Hosting;

/// <summary>Where the exporter listens unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> says otherwise.</summary>
public static class ListenAddress
{
    public const int DefaultPort = 9713;

    public static readonly string DefaultUrl = $"http://0.0.0.0:{DefaultPort}";

    /// <summary>What <c>--probe</c> checks when given no URL: the container's own health endpoint.</summary>
    public static readonly string DefaultProbeUrl = $"http://127.0.0.1:{DefaultPort}/healthz";
}
