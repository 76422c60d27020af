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

    // The `older_than` value (one of the exporter's Exporter:StaleAfter thresholds) that alerts and
    // dashboards call "not seen".
    notSeenOlderThan: '7d',

    // metaaccess.exporter
    exporterDownFor: '5m',
    exporterAbsentFor: '15m',

    // metaaccess.sync
    syncFailingFor: '15m',
    syncStaleThreshold: '30m',  // age of the sync watermark
    syncStaleFor: '15m',
    syncGapFor: '25h',  // longer than the 24 hours a fresh start has a gap by design

    // metaaccess.api
    apiThrottledThreshold: 2,  // throttled answers in 15 minutes
    apiThrottledFor: '30m',
    authFailuresThreshold: 2,  // 401s and failed token requests in 15 minutes
    authFailingFor: '10m',

    // metaaccess.fleet
    nonCompliantShareThreshold: 0.2,
    nonCompliantMinDevices: 10,  // smaller accounts never fire
    nonCompliantFor: '30m',
    criticalIssuesRisingShare: 0.1,  // growth in an hour, as a share of an hour ago ...
    criticalIssuesRisingMinDevices: 5,  // ... and at least this many devices
    criticalIssuesRisingFor: '15m',
    notSeenShare: 0.1,  // of a group's devices
    notSeenMinDevices: 3,
    notSeenFor: '1h',

    // metaaccess.security
    infectionFoundFor: '5m',

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
