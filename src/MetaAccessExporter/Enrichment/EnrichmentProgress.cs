namespace MetaAccessExporter.Enrichment;

/// <summary>How far behind device-details enrichment is, as the scheduler last measured it.</summary>
public sealed record EnrichmentProgress(double CoverageRatio, TimeSpan OldestAge, int Pending);
