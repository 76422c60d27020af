using System.Buffers;
using System.Text;
using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Tests.Metrics;

public class ExpositionWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("HQ \"Main\" Office", "HQ \\\"Main\\\" Office")]
    [InlineData(@"C:\temp", @"C:\\temp")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("Zürich 東京 🚀", "Zürich 東京 🚀")]
    [InlineData("", "")]
    public void Label_values_are_escaped_as_the_exposition_format_requires(string value, string written) =>
        Render(w => w.Sample("m", [new("l", value)], 1)).Should().Be($"m{{l=\"{written}\"}} 1\n");

    [Theory]
    [InlineData(0, "0")]
    [InlineData(42, "42")]
    [InlineData(-3, "-3")]
    [InlineData(1.5, "1.5")]
    [InlineData(1763899200.25, "1763899200.25")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void Values_are_written_in_their_shortest_exact_form(double value, string written) =>
        Render(w => w.Sample("m", [], value)).Should().Be($"m {written}\n");

    [Fact]
    public void Help_text_escapes_backslashes_and_newlines_but_not_quotes() =>
        Render(w => w.FamilyHeader("m", "a \"b\" \\ c\nd", MetricType.Gauge))
            .Should().Be("# HELP m a \"b\" \\\\ c\\nd\n# TYPE m gauge\n");

    [Fact]
    public void OpenMetrics_help_escapes_quotes_too() =>
        Render(w => w.FamilyHeader("m", "a \"b\"", MetricType.Gauge), ExpositionFormat.OpenMetrics)
            .Should().Be("# HELP m a \\\"b\\\"\n# TYPE m gauge\n");

    [Fact]
    public void OpenMetrics_names_counter_families_without_total_and_ends_with_eof() =>
        Render(w =>
        {
            w.FamilyHeader("x_total", "help", MetricType.Counter);
            w.Sample("x_total", [], 3);
            w.End();
        }, ExpositionFormat.OpenMetrics).Should().Be("# HELP x help\n# TYPE x counter\nx_total 3\n# EOF\n");

    [Fact]
    public void Prometheus_text_keeps_the_counter_name_and_has_no_eof() =>
        Render(w =>
        {
            w.FamilyHeader("x_total", "help", MetricType.Counter);
            w.End();
        }).Should().Be("# HELP x_total help\n# TYPE x_total counter\n");

    [Theory]
    [InlineData("application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5", ExpositionFormat.OpenMetrics)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData(null, ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1", ExpositionFormat.OpenMetrics)]
    [InlineData("application/openmetrics-text;version=1.0.0;q=0", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text;q=0, text/plain;q=0.5", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain;q=1.0, application/openmetrics-text;q=0.3", ExpositionFormat.PrometheusText)]
    [InlineData("application/OpenMetrics-Text;q=0.9, */*;q=0.1", ExpositionFormat.OpenMetrics)]
    [InlineData("application/openmetrics-text;q=bogus", ExpositionFormat.PrometheusText)]
    public void The_format_follows_the_scrapers_accept_header(string? accept, ExpositionFormat format) =>
        ExpositionFormats.Negotiate(accept).Should().Be(format);

    private static string Render(Action<ExpositionWriter> write, ExpositionFormat format = ExpositionFormat.PrometheusText)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new ExpositionWriter(buffer, format));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
