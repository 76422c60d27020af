using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Enrichment;

internal sealed class EnrichmentOptionsValidator : IValidateOptions<EnrichmentOptions>
{
    public ValidateOptionsResult Validate(string? name, EnrichmentOptions options)
    {
        var failures = new List<string>();
        if (options.RefreshAfter < TimeSpan.FromMinutes(1))
            failures.Add("Enrichment:RefreshAfter must be at least 00:01:00.");
        if (options.MaxBudgetShare is < 0 or > 1 || double.IsNaN(options.MaxBudgetShare))
            failures.Add("Enrichment:MaxBudgetShare must be between 0 and 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
