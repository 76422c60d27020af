using System.ComponentModel;

namespace MetaAccessExporter.Inventory;

/// <summary>The <c>Inventory</c> section: passes over Get Devices, the list every device is read from again.</summary>
public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    [Description("every device is re-read from the inventory at least this often")]
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromDays(1);
}
