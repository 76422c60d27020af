namespace MetaAccessExporter.Benchmarks.SideBySide;

/// <summary>What answers the scrape in the side-by-side.</summary>
public enum Contender
{
    /// <summary>The exporter's <c>/metrics/devices</c> answer, rendered once at setup into one array (and its gzip form).</summary>
    StaticBuffer,

    /// <summary>The exporter's own handlers over its model and series cache.</summary>
    Exporter,

    /// <summary>prometheus-net labelled gauges holding the same series.</summary>
    PrometheusNet,

    /// <summary>OpenTelemetry observable gauges reporting the same series, through its Prometheus exporter.</summary>
    OpenTelemetry,
}

/// <summary>How the scraper asks for the answer: as it is, or gzip-compressed (as Prometheus does).</summary>
public enum AcceptEncoding
{
    Identity,
    Gzip,
}

/// <summary>Where every contender serves its answer.</summary>
internal static class ScrapePaths
{
    public const string Devices = "/metrics/devices";
    public const string Metrics = "/metrics";
}
