using MetaAccessExporter.Api.Dto;

namespace MetaAccessExporter.Api;

/// <summary>One page of the delta feed, its records of the wrong shape already skipped and counted.</summary>
/// <param name="Monitored">The devices that changed, each with a non-blank, trimmed <c>device_id</c>.</param>
/// <param name="DeletedIds">Trimmed ids of deleted devices; an id also among <paramref name="Monitored"/> is left out.</param>
/// <param name="Entries">
/// Entries the page held in both lists, skipped ones included: what the API counted against <c>limit</c>, so a page
/// walk compares this, not the records kept, with the page size to tell the last page.
/// </param>
public sealed record DeltaPage(IReadOnlyList<DeviceRecord> Monitored, IReadOnlyList<string> DeletedIds, int Entries);
