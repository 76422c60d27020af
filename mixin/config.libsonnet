// What a user of the mixin may change: (import 'mixin.libsonnet') + { _config+:: { ... } }.
// Every threshold and `for:` duration is explained, alert by alert, in docs/runbooks.md.
{
  _config+:: {
    // Targets that are MetaAccess exporters by their job name. MetaAccessExporterDown also knows an
    // exporter by its having exposed metaaccess_up in the last day, whatever its job is called.
    metaaccessJobSelector: 'job=~".*metaaccess.*"',

    // runbook_url of every alert: the pattern with the alert's name in lower case for %s.
    runbookURLPattern: 'https://github.com/metaaccess-exporter/metaaccess-exporter/blob/main/docs/runbooks.md#%s',
    // The dashboards' "Runbooks" link: the page of the pattern above, without its anchor.
    runbooksURL: std.strReplace(self.runbookURLPattern, '#%s', ''),

    // The `older_than` value (one of the exporter's Exporter:StaleAfter thresholds) that the
    // dashboards call "not seen".
    notSeenOlderThan: '7d',

    // Fleet alerts hold back while the model may be incomplete (metaaccess_sync_gap is 1, from a
    // fresh start until the first inventory pass completes): an incomplete model's counts say nothing.
    modelIncompleteSelector: 'max by (account) (metaaccess_sync_gap) == 1',

    // metaaccess.exporter
    exporterDownFor: '5m',
    exporterAbsentFor: '15m',
    exporterAbsentLookback: '1d',  // "absent" = was scraped within this, is not now

    // metaaccess.sync
    syncFailingFor: '15m',
    // The watermark trails by up to one poll interval (plus the cycle and its overlap) by design, so
    // "stale" is the larger of a fixed age and this many of the exporter's poll intervals
    // (metaaccess_config_poll_interval_seconds).
    syncStaleThreshold: '30m',
    syncStalePollIntervals: 3,
    syncStaleFor: '15m',
    // A gap closes when an inventory pass completes; a pass lists devices page after page. The gap
    // alert fires when no pass has listed a device in the last syncGapStalledAfter (no pass running,
    // or one stuck), for syncGapFor.
    syncGapStalledAfter: '30m',
    syncGapFor: '30m',
    // Inventory passes complete every Inventory:RefreshAfter (metaaccess_config_inventory_refresh_seconds);
    // overdue past this multiple of it.
    inventoryOverdueFactor: 1.5,
    inventoryOverdueFor: '15m',
    // Device details are refreshed every Enrichment:RefreshAfter (metaaccess_config_enrichment_refresh_seconds);
    // overdue when the oldest is older than this multiple of it.
    enrichmentOverdueFactor: 2,
    enrichmentOverdueFor: '1h',

    // metaaccess.api
    apiThrottledThreshold: 2,  // throttled answers in 15 minutes
    apiThrottledFor: '30m',
    authFailuresThreshold: 2,  // credentials refused (401, or 400 from the token endpoint) in 15 minutes
    authFailingFor: '10m',
    // Other clients of the account leave the exporter less than rateLimitHeadroomShare of the
    // server's limit on average over 15 minutes, while spending more than rateLimitOthersShare of it.
    rateLimitHeadroomShare: 0.1,
    rateLimitOthersShare: 0.5,
    rateLimitTakenFor: '30m',

    // metaaccess.fleet
    nonCompliantShareThreshold: 0.2,
    nonCompliantMinDevices: 10,  // smaller accounts never fire
    nonCompliantFor: '30m',
    criticalIssuesRisingShare: 0.1,  // growth in an hour, as a share of an hour ago ...
    criticalIssuesRisingMinDevices: 5,  // ... and at least this many devices
    criticalIssuesRisingFor: '15m',
    // Devices not seen for at least notSeenAfter: the alert reads the smallest of the exporter's
    // Exporter:StaleAfter thresholds (metaaccess_config_stale_threshold_seconds) that is this long or
    // longer, whatever its older_than label says.
    notSeenAfter: '7d',
    notSeenShare: 0.1,  // of a group's devices
    notSeenMinDevices: 3,
    notSeenFor: '1h',
    modelDriftShare: 0.05,  // of the vendor's total ...
    modelDriftMinDevices: 5,  // ... and at least this many devices
    modelDriftFor: '1h',
    licenceUseThreshold: 0.9,
    licenceUseFor: '1h',

    // metaaccess.security
    infectionFoundFor: '5m',

    // metaaccess.web (with --web.config.file only)
    webAuthFailuresThreshold: 10,  // refused logins and client certificates in 15 minutes
    webAuthFailuresFor: '15m',
    webConfigReloadFailedFor: '5m',
    tlsCertificateExpiresWithin: '14d',
    labelValuesFoldedFor: '1h',

    // Dashboards
    dashboardUIDs: {
      fleetCompliance: 'metaaccess-fleet-compliance',
      exporterHealth: 'metaaccess-exporter-health',
    },
    dashboardTags: ['metaaccess'],
    dashboardRefresh: '1m',
    dashboardPeriod: 'now-24h',
    dashboardTimezone: '',
  },
}
