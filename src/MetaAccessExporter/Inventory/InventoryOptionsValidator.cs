using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Inventory;

internal sealed class InventoryOptionsValidator : IValidateOptions<InventoryOptions>
{
    public ValidateOptionsResult Validate(string? name, InventoryOptions options) =>
        options.RefreshAfter < TimeSpan.FromMinutes(10) || options.RefreshAfter > TimeSpan.FromDays(30)
            ? ValidateOptionsResult.Fail("Inventory:RefreshAfter must be between 00:10:00 and 30.00:00:00.")
            : ValidateOptionsResult.Success;
}
