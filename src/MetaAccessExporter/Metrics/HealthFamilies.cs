using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Metrics;

/// <summary>The exporter's own health on <c>/metrics</c>, one row per family.</summary>
public static class HealthFamilies
{
    public static readonly IReadOnlyList<MetricFamily<ExporterHealth>> Table =
    [
        new("metaaccess_up", "1 if the latest poll cycle completed, else 0.", MetricType.Gauge,
            (h, s) => s.Add(h.Sync.Up ? 1 : 0)),
        new("metaaccess_last_successful_sync_timestamp_seconds",
            "When the latest completed poll cycle ended (Unix seconds).", MetricType.Gauge,
            (h, s) => { if (h.Sync.LastSuccessfulSync is { } t) s.Add(UnixSeconds(t)); }),
        new("metaaccess_sync_watermark_timestamp_seconds",
            "The model holds every change up to at least this instant (Unix seconds).", MetricType.Gauge,
            (h, s) => { if (h.Checkpoint is { } c) s.Add(UnixSeconds(c.Watermark)); }),
        new("metaaccess_sync_gap",
            "1 while changes may be missing: away longer than the API's 24-hour window, or no full window seen yet.", MetricType.Gauge,
            (h, s) => s.Add(h.Checkpoint is { Gap: false } ? 0 : 1)),
        new("metaaccess_last_poll_duration_seconds", "How long the latest poll cycle took.", MetricType.Gauge,
            (h, s) => { if (h.Sync.LastPollDuration is { } d) s.Add(d.TotalSeconds); }),
        new("metaaccess_poll_cycles_total", "Poll cycles by result.", MetricType.Counter,
            (h, s) =>
            {
                s.Add(h.Sync.SuccessfulCycles, new Label("result", "success"));
                s.Add(h.Sync.FailedCycles, new Label("result", "failure"));
            }),
        new("metaaccess_sync_rereads_total",
            "Delta walks that met a device twice (the feed moved under them), so their window is read again.", MetricType.Counter,
            (h, s) => s.Add(h.Sync.Rereads)),
        new("metaaccess_api_requests_total", "MetaAccess API calls by endpoint and HTTP status (or error, timeout).", MetricType.Counter,
            (h, s) => { foreach (var r in h.Requests) s.Add(r.Count, new("endpoint", r.Endpoint), new("code", r.Code)); }),
        new("metaaccess_api_throttled_total", "API answers that said the rate limit was hit.", MetricType.Counter,
            (h, s) => s.Add(h.Throttled)),
        new("metaaccess_api_invalid_responses_total",
            "API answers that were not the expected JSON, or a page larger than asked for.", MetricType.Counter,
            (h, s) => { foreach (var r in h.InvalidResponses) s.Add(r.Count, new Label("endpoint", r.Endpoint)); }),
        new("metaaccess_api_invalid_records_total",
            "Device records skipped for a wrong shape or no device_id; the others were used.", MetricType.Counter,
            (h, s) => { foreach (var r in h.InvalidRecords) s.Add(r.Count, new Label("endpoint", r.Endpoint)); }),
        new("metaaccess_enrichment_coverage_ratio",
            "Share of devices whose details are fresh (younger than Enrichment:RefreshAfter).", MetricType.Gauge,
            (h, s) => { if (h.Enrichment is { } e) s.Add(e.CoverageRatio); }),
        new("metaaccess_enrichment_oldest_age_seconds",
            "Age of the stalest device details held, or of the longest wait for first details.", MetricType.Gauge,
            (h, s) => { if (h.Enrichment is { } e) s.Add(e.OldestAge.TotalSeconds); }),
        new("metaaccess_enrichment_pending", "Devices waiting for first or refreshed details.", MetricType.Gauge,
            (h, s) => { if (h.Enrichment is { } e) s.Add(e.Pending); }),
        new("metaaccess_exporter_build_info", "The exporter's version and source revision; always 1.", MetricType.Gauge,
            (h, s) => s.Add(1, new("version", h.Build.Version), new("revision", h.Build.Revision)),
            AccountWide: false),
    ];

    private static double UnixSeconds(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;
}
