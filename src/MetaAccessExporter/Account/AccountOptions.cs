using System.ComponentModel;

namespace MetaAccessExporter.Account;

/// <summary>The <c>Account</c> section: account details, the vendor's own totals the model is checked against.</summary>
public sealed class AccountOptions
{
    public const string Section = "Account";

    [Description("how often account details (licence, the vendor's totals) are read")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(15);
}
