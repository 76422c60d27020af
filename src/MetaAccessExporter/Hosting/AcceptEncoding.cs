namespace MetaAccessExporter.Hosting;

/// <summary>Whether a client takes gzip (RFC 9110 §12.5.3): named or matched by <c>*</c>, with a weight above 0.</summary>
public static class AcceptEncoding
{
    public static bool AllowsGzip(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return false;
        double? gzip = null, any = null;
        foreach (var entry in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            var weight = Weight(parts.AsSpan(1));
            if (parts[0] is var coding && (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase)
                || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)))
                gzip = Math.Max(gzip ?? 0, weight);
            else if (parts[0] == "*")
                any = weight;
        }
        return (gzip ?? any ?? 0) > 0;
    }

    private static double Weight(ReadOnlySpan<string> parameters)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase))
            {
                return double.TryParse(parameter.AsSpan(2), System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : 0;
            }
        }
        return 1;
    }
}
