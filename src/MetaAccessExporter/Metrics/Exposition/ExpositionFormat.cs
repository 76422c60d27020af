namespace MetaAccessExporter.Metrics.Exposition;

/// <summary>The two text formats Prometheus reads; OpenMetrics when the scraper asks for it.</summary>
public enum ExpositionFormat
{
    PrometheusText,
    OpenMetrics,
}

public static class ExpositionFormats
{
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static ExpositionFormat Negotiate(string? accept) =>
        accept is not null && accept.Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.PrometheusText;

    public static string ContentType(this ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? OpenMetricsContentType : PrometheusContentType;
}

public enum MetricType
{
    Gauge,
    Counter,
}

public readonly record struct Label(string Name, string Value);
