using MetaAccessExporter.Api.Dto;

namespace MetaAccessExporter.Api;

/// <summary>One page of the inventory, its records of the wrong shape already skipped and counted.</summary>
/// <param name="Devices">The readable devices, each with a non-blank, trimmed <c>device_id</c>, in the API's order.</param>
/// <param name="NextCursor">What to pass for the next page, or null when the list has ended.</param>
/// <param name="Entries">Entries the page held, skipped ones included.</param>
/// <param name="UnreadableIds">Ids of records skipped for their shape: listed, so still in the account, but not readable.</param>
public sealed record InventoryPage(IReadOnlyList<DeviceRecord> Devices, string? NextCursor, int Entries,
    IReadOnlyList<string> UnreadableIds);
