using MetaAccessExporter.Model;

namespace MetaAccessExporter.Tests.Model;

public class ExporterOptionsValidatorTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.999")]
    [InlineData("-00:05:00")]
    [InlineData("1.00:00:01")]
    public void A_SaveInterval_outside_a_second_to_a_day_is_refused_naming_the_key_and_the_range(string interval)
    {
        var result = new ExporterOptionsValidator().Validate(null, new ExporterOptions { SaveInterval = TimeSpan.Parse(interval) });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Exporter:SaveInterval must be between 00:00:01 and 1.00:00:00");
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("00:05:00")]
    [InlineData("1.00:00:00")]
    public void A_SaveInterval_from_a_second_to_a_day_is_accepted(string interval)
    {
        new ExporterOptionsValidator().Validate(null, new ExporterOptions { SaveInterval = TimeSpan.Parse(interval) })
            .Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_MaxLabelValues_below_two_is_refused_naming_the_key(int values)
    {
        var result = new ExporterOptionsValidator().Validate(null, new ExporterOptions { MaxLabelValues = values });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain($"Exporter:MaxLabelValues must be at least 2, not {values}");
    }

    [Fact]
    public void A_MaxLabelValues_of_two_one_value_and_other_is_accepted() =>
        new ExporterOptionsValidator().Validate(null, new ExporterOptions { MaxLabelValues = 2 }).Succeeded.Should().BeTrue();

    [Fact]
    public void Every_bad_key_of_the_section_is_named_at_once()
    {
        var result = new ExporterOptionsValidator().Validate(null, new ExporterOptions { StaleAfter = "7x", SaveInterval = TimeSpan.Zero });

        result.FailureMessage.Should().Contain("Exporter:StaleAfter").And.Contain("Exporter:SaveInterval");
    }
}
