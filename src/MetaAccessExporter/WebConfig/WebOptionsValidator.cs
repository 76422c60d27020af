using Microsoft.Extensions.Options;

namespace MetaAccessExporter.WebConfig;

/// <summary>Reads the whole file, certificates included, before anything starts, so a bad one stops start-up naming the key.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        if (string.IsNullOrEmpty(options.ConfigFile))
            return ValidateOptionsResult.Success;
        try
        {
            _ = WebConfigReading.Load(options.ConfigFile, TimeProvider.System, new FileInputs());
            return ValidateOptionsResult.Success;
        }
        catch (WebConfigException ex)
        {
            return ValidateOptionsResult.Fail($"Web:ConfigFile ({WebOptions.Flag}) {options.ConfigFile}: {ex.Message}");
        }
    }
}
