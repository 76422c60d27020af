using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Hosting;

/// <summary>Whether a client takes gzip (RFC 9110 §12.5.3): named or matched by <c>*</c>, with a weight above 0.</summary>
public static class AcceptEncoding
{
    public static bool AllowsGzip(string? header)
    {
        double? gzip = null, any = null;
        foreach (var (coding, weight) in QualityList.Parse(header))
        {
            if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                gzip = Math.Max(gzip ?? 0, weight);
            else if (coding == "*")
                any = weight;
        }
        return (gzip ?? any ?? 0) > 0;
    }
}
