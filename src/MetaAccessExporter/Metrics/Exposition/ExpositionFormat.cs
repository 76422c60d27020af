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

    /// <summary>
    /// OpenMetrics when the scraper weighs it above 0 and at least as high as the text format
    /// (<c>text/plain</c>, <c>text/*</c> or <c>*/*</c>); the text format otherwise, and when nothing is said.
    /// </summary>
    public static ExpositionFormat Negotiate(string? accept)
    {
        double openMetrics = 0, text = 0;
        foreach (var (range, weight) in QualityList.Parse(accept))
        {
            if (range.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase))
                openMetrics = Math.Max(openMetrics, weight);
            else if (range is "*/*" || range.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
                || range.Equals("text/*", StringComparison.OrdinalIgnoreCase))
                text = Math.Max(text, weight);
        }
        return openMetrics > 0 && openMetrics >= text ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
    }

    public static string ContentType(this ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? OpenMetricsContentType : PrometheusContentType;
}

public enum MetricType
{
    Gauge,
    Counter,
}

public readonly record struct Label(string Name, string Value);
