using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Model;

internal sealed class ExporterOptionsValidator : IValidateOptions<ExporterOptions>
{
    public ValidateOptionsResult Validate(string? name, ExporterOptions options)
    {
        try
        {
            StaleThreshold.ParseList(options.StaleAfter);
            return ValidateOptionsResult.Success;
        }
        catch (FormatException ex)
        {
            return ValidateOptionsResult.Fail($"Exporter:StaleAfter: {ex.Message}");
        }
    }
}
