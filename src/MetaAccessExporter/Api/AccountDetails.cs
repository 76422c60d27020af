namespace MetaAccessExporter.Api;

/// <summary>
/// What the account says of itself: its licence and its devices counted by status and by issue
/// severity, with the vendor's spelling of each value (the reader of this normalises them).
/// </summary>
public sealed record AccountDetails(
    string? Name,
    long? DevicesAllowed,
    long? DevicesUsed,
    IReadOnlyList<KeyValuePair<string, long>> ByStatus,
    IReadOnlyList<KeyValuePair<string, long>> BySeverity);
