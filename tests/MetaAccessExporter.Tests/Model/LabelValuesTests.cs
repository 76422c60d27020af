using MetaAccessExporter.Model;

namespace MetaAccessExporter.Tests.Model;

public class LabelValuesTests
{
    [Theory]
    [InlineData("compliant", "compliant")]
    [InlineData("  Non-Compliant ", "non_compliant")]
    [InlineData("Out of Compliance", "out_of_compliance")]
    [InlineData("", "unknown")]
    [InlineData(null, "unknown")]
    [InlineData("Brand-New Value", "brand_new_value")]
    public void Status_and_severity_are_trimmed_lower_cased_with_spaces_and_dashes_as_underscores(string? reported, string label) =>
        LabelValues.Normalize(reported).Should().Be(label);

    [Theory]
    [InlineData(" Finance ", "Finance")]
    [InlineData("HQ \"Main\" Office", "HQ \"Main\" Office")]
    [InlineData("", "unassigned")]
    [InlineData("   ", "unassigned")]
    [InlineData(null, "unassigned")]
    public void Group_is_trimmed_with_case_kept_and_missing_is_unassigned(string? reported, string label) =>
        LabelValues.Group(reported).Should().Be(label);

    [Theory]
    [InlineData("1d,7d,30d", new[] { "1d", "7d", "30d" })]
    [InlineData("30m, 12h ,2w", new[] { "30m", "12h", "2w" })]
    public void Stale_thresholds_parse_with_units(string text, string[] labels) =>
        StaleThreshold.ParseList(text).Select(t => t.Label).Should().Equal(labels);

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("7x")]
    [InlineData("0d")]
    [InlineData("1d,1d")]
    public void Bad_stale_thresholds_are_rejected(string text) =>
        FluentActions.Invoking(() => StaleThreshold.ParseList(text)).Should().Throw<FormatException>();
}
