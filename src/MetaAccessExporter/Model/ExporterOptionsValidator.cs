using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Model;

internal sealed class ExporterOptionsValidator : IValidateOptions<ExporterOptions>
{
    // Below a second saving comes close to writing every page; beyond a day a crash would always leave a
    // watermark older than the delta feed's 24 hours, and cost a whole inventory pass.
    public static readonly TimeSpan ShortestSaveInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestSaveInterval = TimeSpan.FromDays(1);

    // One value of its own and "other" for the rest: below that a label would say nothing at all.
    public const int FewestLabelValues = 2;

    public ValidateOptionsResult Validate(string? name, ExporterOptions options)
    {
        var failures = new List<string>();
        try
        {
            StaleThreshold.ParseList(options.StaleAfter);
        }
        catch (FormatException ex)
        {
            failures.Add($"Exporter:StaleAfter: {ex.Message}");
        }
        if (options.SaveInterval < ShortestSaveInterval || options.SaveInterval > LongestSaveInterval)
            failures.Add($"Exporter:SaveInterval must be between {ShortestSaveInterval} and {LongestSaveInterval:c}, "
                + $"not {options.SaveInterval:c}.");
        if (options.MaxLabelValues < FewestLabelValues)
            failures.Add($"Exporter:MaxLabelValues must be at least {FewestLabelValues}, not {options.MaxLabelValues}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
