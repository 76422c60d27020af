namespace MetaAccessExporter.Enrichment;

/// <summary>Where the health metrics read enrichment's progress; null while enrichment is off.</summary>
public interface IEnrichmentProgressSource
{
    EnrichmentProgress? Current { get; }
}
