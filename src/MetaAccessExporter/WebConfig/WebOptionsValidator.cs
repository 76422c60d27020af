using Microsoft.Extensions.Options;

namespace MetaAccessExporter.WebConfig;

/// <summary>Reads the whole file, certificates included, before anything starts, so a bad one stops start-up naming the key.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        if (!options.Enabled)
            return ValidateOptionsResult.Success;
        try
        {
            _ = WebConfigReading.Load(options.ConfigFile, TimeProvider.System, new FileInputs());
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            string reason = ex is WebConfigException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            return ValidateOptionsResult.Fail($"Web:ConfigFile ({WebOptions.Flag}) {options.ConfigFile}: {reason}");
        }
    }
}
