using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Model;
using MetaAccessExporter.Sync;

namespace MetaAccessExporter.Metrics;

/// <summary>The exporter's own state at one instant: what the health families render.</summary>
public sealed record ExporterHealth(
    SyncStatus Sync,
    SyncCheckpoint? Checkpoint,
    IReadOnlyList<(string Endpoint, string Code, long Count)> Requests,
    IReadOnlyList<(string Endpoint, long Count)> InvalidResponses,
    IReadOnlyList<(string Endpoint, long Count)> InvalidRecords,
    long Throttled,
    EnrichmentProgress? Enrichment,
    BuildInfo Build);
