namespace MetaAccessExporter.Sync;

/// <summary>What the next cycle needs to know of the last completed one; persisted with the model.</summary>
/// <param name="Watermark">The model holds every change up to at least this instant (the completed cycle's start).</param>
/// <param name="Gap">Changes may be missing from the model.</param>
public sealed record SyncCheckpoint(DateTimeOffset Watermark, bool Gap);
