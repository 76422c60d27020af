namespace MetaAccessExporter.TestSupport.Pages;

/// <summary>
/// Bodies of the MetaAccess inventory (Get Devices v3.7, <c>POST /o/api/v3.7/devices</c>) as the API writes them:
/// <c>{"next_token":"…","devices":[...]}</c>. Its device records have the delta feed's shape, so
/// <see cref="PageJson.Device"/> writes them too.
/// </summary>
public static class InventoryJson
{
    /// <summary>The path the inventory is served on.</summary>
    public const string Path = "/o/api/v3.7/devices";

    /// <summary>A page of plain devices (<see cref="PageJson.Device"/> with its defaults).</summary>
    public static string OfIds(string? nextToken, params string[] ids) => Of(ids.Select(id => PageJson.Device(id)), nextToken);

    /// <summary>
    /// A page of the given device objects (from <see cref="PageJson.Device"/>, or raw JSON). A null
    /// <paramref name="nextToken"/> leaves <c>next_token</c> out, as a last page may.
    /// </summary>
    public static string Of(IEnumerable<string> devices, string? nextToken = null) =>
        "{" + (nextToken is null ? "" : $"\"next_token\":{System.Text.Json.JsonSerializer.Serialize(nextToken)},")
        + "\"devices\":[" + string.Join(",", devices) + "]}";
}
