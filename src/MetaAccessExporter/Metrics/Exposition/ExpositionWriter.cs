using System.Buffers;
using System.Globalization;
using System.Text;

namespace MetaAccessExporter.Metrics.Exposition;

/// <summary>
/// Writes Prometheus text (or OpenMetrics) as UTF-8 straight into a buffer. The only place label
/// values and HELP text are escaped.
/// </summary>
public sealed class ExpositionWriter(IBufferWriter<byte> output, ExpositionFormat format)
{
    private static readonly SearchValues<char> MustEscapeInLabel = SearchValues.Create("\\\n\"");
    private static readonly SearchValues<char> MustEscapeInHelp = SearchValues.Create("\\\n");

    public void FamilyHeader(string name, string help, MetricType type)
    {
        // OpenMetrics names a counter family without the _total its samples carry.
        var family = format == ExpositionFormat.OpenMetrics && type == MetricType.Counter
            && name.EndsWith("_total", StringComparison.Ordinal)
            ? name[..^"_total".Length]
            : name;
        Ascii("# HELP ");
        Ascii(family);
        Raw((byte)' ');
        // OpenMetrics escapes quotes in HELP as well; the Prometheus text format does not.
        Escaped(help, escapeQuotes: format == ExpositionFormat.OpenMetrics);
        Ascii("\n# TYPE ");
        Ascii(family);
        Ascii(type == MetricType.Counter ? " counter\n" : " gauge\n");
    }

    public void Sample(string name, ReadOnlySpan<Label> labels, double value)
    {
        Ascii(name);
        if (labels.Length > 0)
        {
            Raw((byte)'{');
            for (int i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                    Raw((byte)',');
                Ascii(labels[i].Name);
                Ascii("=\"");
                Escaped(labels[i].Value, escapeQuotes: true);
                Raw((byte)'"');
            }
            Raw((byte)'}');
        }
        Raw((byte)' ');
        Value(value);
        Raw((byte)'\n');
    }

    public void Bytes(ReadOnlySpan<byte> prerendered) => output.Write(prerendered);

    public void End()
    {
        if (format == ExpositionFormat.OpenMetrics)
            Ascii("# EOF\n");
    }

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ when value == Math.Floor(value) && Math.Abs(value) < 1e15 => ((long)value).ToString(CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void Value(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            var span = output.GetSpan(20);
            ((long)value).TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
            output.Advance(written);
            return;
        }
        Ascii(FormatValue(value));
    }

    private void Escaped(string text, bool escapeQuotes)
    {
        // Most values need no escaping: one vectorised search, then one copy.
        int first = text.AsSpan().IndexOfAny(escapeQuotes ? MustEscapeInLabel : MustEscapeInHelp);
        if (first < 0)
        {
            Utf8(text);
            return;
        }
        int start = 0;
        for (int i = first; i < text.Length; i++)
        {
            string? escape = text[i] switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '"' when escapeQuotes => "\\\"",
                _ => null,
            };
            if (escape is null)
                continue;
            Utf8(text.AsSpan(start, i - start));
            Ascii(escape);
            start = i + 1;
        }
        Utf8(text.AsSpan(start));
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
            return;
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private void Ascii(string text) => Utf8(text);

    private void Raw(byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }
}
