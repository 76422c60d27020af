using Microsoft.Extensions.Options;

namespace MetaAccessExporter.Account;

internal sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
{
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, AccountOptions options) =>
        options.RefreshInterval < Shortest || options.RefreshInterval > Longest
            ? ValidateOptionsResult.Fail($"Account:RefreshInterval must be between {Shortest} and {Longest:c}.")
            : ValidateOptionsResult.Success;
}
