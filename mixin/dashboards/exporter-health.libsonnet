local g = import '../lib/grafana.libsonnet';
local t = import '../lib/text.libsonnet';

// Exporter targets of the selected accounts: the instances that exposed metaaccess_up in the last
// day, so that a target that went down (and lost its metaaccess_up) stays on the dashboard.
local exporterInstances = 'group by (instance) (max_over_time(metaaccess_up{account=~"$account"}[1d]))';

// Firing MetaAccess alerts with a `runbook` label: the alert's runbook anchor (its name in lower
// case; PromQL has no lower-case function, hence one label_replace per alert of the mixin).
local alertsWithRunbooks(alertNames) = std.foldl(
  function(expr, name) 'label_replace(%s, "runbook", "%s", "alertname", "%s")' % [expr, std.asciiLower(name), name],
  alertNames,
  'ALERTS{alertname=~"MetaAccess.*", alertstate="firing", account=~"$account"}',
);

// The panels in reading order; lib/grafana.libsonnet lays them out and numbers them.
local panels(c, alertNames) = [
  g.row('Exporter'),
  g.stat(
    'Targets up',
    "Prometheus's `up` for every scrape job of the exporters of the selected accounts (instances that exposed metaaccess_up in the last day): DOWN when a scrape fails.",
    g.instant('up * on (instance) group_left () %s' % exporterInstances, '{{job}} {{instance}}'),
    w=8, h=8, thresholds=g.steps(['red', 1, 'green']),
    mappings=g.valueTexts([['1', 'UP', 'green'], ['0', 'DOWN', 'red']]),
    colorMode='background', noValue='no exporter target',
    links=[g.runbookLink(c, 'MetaAccessExporterDown'), g.runbookLink(c, 'MetaAccessExporterAbsent')],
  ),
  g.timeseries(
    'Targets up over time',
    "Prometheus's `up` for every scrape job of the exporters (1 up, 0 down; a gap: no target).",
    [
      g.target('up * on (instance) group_left () %s' % exporterInstances, '{{job}} {{instance}}'),
    ],
    w=8, decimals=0, min=0, max=1, fill=0, links=[g.runbookLink(c, 'MetaAccessExporterDown')],
  ),
  g.timeseries(
    'Process memory and CPU',
    "The exporter process's resident memory (left axis) and CPU time in cores (right axis), from /metrics.",
    [
      g.target('process_resident_memory_bytes * on (instance) group_left () %s' % exporterInstances, '{{instance}} resident memory'),
      g.target('rate(process_cpu_seconds_total[$__rate_interval]) * on (instance) group_left () %s' % exporterInstances, '{{instance}} CPU'),
    ],
    w=8, unit='bytes', min=0,
    overrides=[{
      matcher: { id: 'byRegexp', options: '.* CPU' },
      properties: [
        { id: 'unit', value: 'short' },
        { id: 'custom.axisPlacement', value: 'right' },
        { id: 'custom.axisLabel', value: 'cores' },
      ],
    }],
  ),
  g.row('Sync'),
  g.stat(
    'Sync',
    '1 if the latest poll cycle completed (metaaccess_up), now; "no data" when the exporter is not scraped (see Targets up).',
    g.target('min by (account) (metaaccess_up{account=~"$account"})', '{{account}}'),
    thresholds=g.steps(['red', 1, 'green']),
    mappings=g.valueTexts([['1', 'UP', 'green'], ['0', 'FAILING', 'red']]),
    colorMode='background', links=[g.runbookLink(c, 'MetaAccessSyncFailing')],
  ),
  g.stat(
    'Watermark age',
    'How far behind now the model is complete (alert MetaAccessSyncStale above %s).' % c.syncStaleThreshold,
    g.target('time() - max by (account) (metaaccess_sync_watermark_timestamp_seconds{account=~"$account"} > 0)', '{{account}}'),
    w=5, unit='s', thresholds=g.steps(['green', 600, 'yellow', t.seconds(c.syncStaleThreshold), 'red']),
    links=[g.runbookLink(c, 'MetaAccessSyncStale')],
  ),
  g.stat(
    'Last successful sync',
    'Time since the latest completed poll cycle ended.',
    g.target('time() - max by (account) (metaaccess_last_successful_sync_timestamp_seconds{account=~"$account"} > 0)', '{{account}}'),
    w=5, unit='s', thresholds=g.steps(['green', 600, 'yellow', 1800, 'red']),
    links=[g.runbookLink(c, 'MetaAccessSyncFailing')],
  ),
  g.stat(
    'Sync gap',
    "1 while changes may be missing: the exporter was away longer than the API's 24-hour window, or has not yet watched a full one.",
    g.target('max by (account) (metaaccess_sync_gap{account=~"$account"})', '{{account}}'),
    thresholds=g.steps(['green', 1, 'orange']),
    mappings=g.valueTexts([['0', 'complete', 'green'], ['1', 'GAP', 'orange']]),
    colorMode='background', links=[g.runbookLink(c, 'MetaAccessSyncGap')],
  ),
  g.stat(
    'Devices in the model',
    "Devices the exporter's model holds for the selected groups.",
    g.target('sum by (account) (metaaccess_devices{account=~"$account", group=~"$group"})', '{{account}}'),
    w=6, unit='short', decimals=0, thresholds=g.steps(['blue']),
  ),
  g.timeseries(
    'Watermark age',
    'Age of the sync watermark and of the latest completed poll cycle.',
    [
      g.target('time() - max by (account) (metaaccess_sync_watermark_timestamp_seconds{account=~"$account"} > 0)', '{{account}} watermark'),
      g.target('time() - max by (account) (metaaccess_last_successful_sync_timestamp_seconds{account=~"$account"} > 0)', '{{account}} last successful sync'),
    ],
    unit='s', links=[g.runbookLink(c, 'MetaAccessSyncStale')],
  ),
  g.timeseries(
    'Poll cycles per minute',
    'Completed and failed poll cycles.',
    [
      g.target('sum by (account, result) (rate(metaaccess_poll_cycles_total{account=~"$account"}[$__rate_interval])) * 60', '{{account}} {{result}}'),
    ],
    unit='opm', min=0, overrides=[g.fixedColor('byRegexp', '.*failure', 'red')],
    links=[g.runbookLink(c, 'MetaAccessSyncFailing')],
  ),
  g.timeseries(
    'Poll duration',
    'How long the latest poll cycle took.',
    [
      g.target('max by (account) (metaaccess_last_poll_duration_seconds{account=~"$account"})', '{{account}}'),
    ],
    unit='s',
  ),
  g.timeseries(
    'Sync up and gap',
    'metaaccess_up and metaaccess_sync_gap over time.',
    [
      g.target('min by (account) (metaaccess_up{account=~"$account"})', '{{account}} up'),
      g.target('max by (account) (metaaccess_sync_gap{account=~"$account"})', '{{account}} gap'),
    ],
    decimals=0, min=0, max=1, fill=0,
  ),
  g.row('Inventory passes and account totals'),
  g.stat(
    'Inventory pass',
    'Whether an inventory pass (the list of every device, Get Devices) is under way now.',
    g.target('max by (account) (metaaccess_inventory_pass_in_progress{account=~"$account"})', '{{account}}'),
    thresholds=g.steps(['green']),
    w=8, mappings=g.valueTexts([['0', 'idle', 'green'], ['1', 'RUNNING', 'blue']]),
    colorMode='background',
  ),
  g.stat(
    'Last complete pass',
    'Time since the latest complete inventory pass ended (every device is re-read at least every Inventory:RefreshAfter).',
    g.target('time() - max by (account) (metaaccess_inventory_last_pass_completed_timestamp_seconds{account=~"$account"})', '{{account}}'),
    w=8, unit='s', thresholds=g.steps(['green', 86400, 'yellow', 172800, 'orange']), noValue='no pass yet',
  ),
  g.stat(
    'Model drift',
    "Devices in the model less the vendor's total when account details were last read: 0 when they agree.",
    g.target('sum by (account) (metaaccess_account_model_drift_devices{account=~"$account"})', '{{account}}'),
    w=8, unit='short', decimals=0, thresholds=g.steps(['orange', -9, 'yellow', 0, 'green', 1, 'yellow', 10, 'orange']),
    links=[g.runbookLink(c, 'metaaccessmodeldrift', 'Runbook: MetaAccessModelDrift')],
  ),
  g.timeseries(
    'Inventory pass progress',
    'Devices the pass under way has listed so far, against the devices the latest complete pass listed.',
    [
      g.target('max by (account) (metaaccess_inventory_pass_listed_devices{account=~"$account"})', '{{account}} listed by the pass under way'),
      g.target('max by (account) (metaaccess_inventory_last_pass_devices{account=~"$account"})', '{{account}} listed by the last complete pass'),
    ],
    unit='short', min=0,
  ),
  g.timeseries(
    'Model drift by status',
    "Devices in the model less the vendor's count of the account's devices, in all and per status (positive: the model has more).",
    [
      g.target('sum by (account) (metaaccess_account_model_drift_devices{account=~"$account"})', '{{account}} all'),
      g.target('sum by (account, status) (metaaccess_account_model_drift_devices_by_status{account=~"$account"})', '{{account}} {{status}}'),
    ],
    w=12, unit='short', decimals=0, links=[g.runbookLink(c, 'metaaccessmodeldrift', 'Runbook: MetaAccessModelDrift')],
  ),
  g.row('MetaAccess API'),
  g.timeseries(
    'API calls by endpoint and code',
    'Calls to the MetaAccess API per minute, by account, endpoint and HTTP status (or error / timeout).',
    [
      g.target('sum by (account, endpoint, code) (rate(metaaccess_api_requests_total{account=~"$account"}[$__rate_interval])) * 60', '{{account}} {{endpoint}} {{code}}'),
    ],
    unit='reqpm', stacked=true,
  ),
  g.timeseries(
    'Failed API calls',
    'Share of calls that did not succeed (413 ends a page walk and is not a failure); 0 while every call succeeds.',
    [
      g.target(|||
        sum by (account) (rate(metaaccess_api_requests_total{account=~"$account", code!~"2..|413"}[$__rate_interval]))
        / sum by (account) (rate(metaaccess_api_requests_total{account=~"$account"}[$__rate_interval]))
      |||, '{{account}}'),
    ],
    unit='percentunit', min=0, links=[g.runbookLink(c, 'MetaAccessAuthFailing')],
  ),
  g.timeseries(
    'Throttled responses per minute',
    'Answers that said the rate limit was hit (alert MetaAccessApiThrottled).',
    [
      g.target('sum by (account) (rate(metaaccess_api_throttled_total{account=~"$account"}[$__rate_interval])) * 60', '{{account}}'),
    ],
    unit='reqpm', min=0, links=[g.runbookLink(c, 'MetaAccessApiThrottled')],
  ),
  g.timeseries(
    'Invalid responses per minute',
    'Answers that were not the expected JSON, by endpoint.',
    [
      g.target('sum by (account, endpoint) (rate(metaaccess_api_invalid_responses_total{account=~"$account"}[$__rate_interval])) * 60', '{{account}} {{endpoint}}'),
    ],
    unit='reqpm', min=0,
  ),
  g.gauge(
    'Budget use',
    'API calls in the last 60 seconds as a share of MetaAccess:RequestsPerMinute, now.',
    g.target('sum by (account) (metaaccess_budget_used{account=~"$account"}) / max by (account) (metaaccess_budget_limit{account=~"$account"})', '{{account}}'),
    w=8, h=8, unit='percentunit', min=0, max=1, thresholds=g.steps(['green', 0.8, 'yellow', 0.95, 'orange']),
  ),
  g.timeseries(
    'Budget used and limit',
    'API calls in the last 60 seconds against the per-minute budget.',
    [
      g.target('sum by (account) (metaaccess_budget_used{account=~"$account"})', '{{account}} used'),
      g.target('max by (account) (metaaccess_budget_limit{account=~"$account"})', '{{account}} limit'),
    ],
    w=16, unit='short', min=0,
  ),
  g.gauge(
    'Server rate-limit headroom',
    "Calls left in the API's current rate-limit period, every client of the account counted, as a share of the API's limit (X-RateLimit-Remaining / X-RateLimit-Limit of the last answer). Low while the exporter is within its own budget: other clients use the account.",
    g.target('min by (account) (metaaccess_budget_server_remaining{account=~"$account"}) / max by (account) (metaaccess_budget_server_limit{account=~"$account"})', '{{account}}'),
    w=8, h=8, unit='percentunit', min=0, max=1, thresholds=g.steps(['red', 0.05, 'orange', 0.2, 'green']),
    noValue='no rate-limit headers yet', links=[g.runbookLink(c, 'metaaccessratelimittakenbyothers', 'Runbook: MetaAccessRateLimitTakenByOthers')],
  ),
  g.timeseries(
    'Server rate limit',
    "The API's own rate limit and the calls left in its current period, as the last answer said, against the exporter's own calls in the last 60 seconds.",
    [
      g.target('max by (account) (metaaccess_budget_server_limit{account=~"$account"})', '{{account}} server limit'),
      g.target('min by (account) (metaaccess_budget_server_remaining{account=~"$account"})', '{{account}} server remaining'),
      g.target('sum by (account) (metaaccess_budget_used{account=~"$account"})', "{{account}} exporter's calls"),
    ],
    w=16, unit='short', min=0, links=[g.runbookLink(c, 'metaaccessratelimittakenbyothers', 'Runbook: MetaAccessRateLimitTakenByOthers')],
  ),
  g.row('Device details (enrichment)'),
  g.timeseries(
    'Details coverage',
    'Share of devices with fresh device details.',
    [
      g.target('min by (account) (metaaccess_enrichment_coverage_ratio{account=~"$account"})', '{{account}}'),
    ],
    w=8, unit='percentunit', min=0, max=1,
  ),
  g.timeseries(
    'Devices waiting for details',
    'Devices waiting for first or refreshed details.',
    [
      g.target('sum by (account) (metaaccess_enrichment_pending{account=~"$account"})', '{{account}}'),
    ],
    w=8, unit='short', min=0,
  ),
  g.timeseries(
    'Oldest details',
    'Age of the oldest details held (or the longest wait for first details).',
    [
      g.target('max by (account) (metaaccess_enrichment_oldest_age_seconds{account=~"$account"})', '{{account}}'),
    ],
    w=8, unit='s',
  ),
  g.row('Scrapes'),
  g.timeseries(
    'Samples per scrape',
    "Series exposed by each of the exporter's scrape jobs (/metrics and /metrics/devices), whatever the jobs are called.",
    [
      g.target('scrape_samples_scraped * on (instance) group_left () %s' % exporterInstances, '{{job}} {{instance}}'),
    ],
    w=8, unit='short',
  ),
  g.timeseries(
    'Scrape duration',
    'How long each scrape of the exporter took.',
    [
      g.target('scrape_duration_seconds * on (instance) group_left () %s' % exporterInstances, '{{job}} {{instance}}'),
    ],
    w=8, unit='s',
  ),
  g.table(
    'Exporter instances',
    'Running exporters and their versions.',
    g.tableQuery('max by (instance, version, revision) (metaaccess_exporter_build_info) * on (instance) group_left () %s' % exporterInstances),
    w=8, h=8, transformations=[g.organize(['Time', 'Value'])],
  ),
  g.table(
    'Firing MetaAccess alerts',
    'Alerts of alerts/metaaccess.rules.yml firing now, each linked to its runbook; "none firing" when nothing fires (or the rules are not loaded).',
    g.tableQuery(alertsWithRunbooks(alertNames)),
    w=24, h=6, noValue='none firing',
    // runbook stays a field, hidden, for the alert name's data link to read.
    transformations=[g.organize(['Time', 'Value', '__name__', 'alertstate'])],
    overrides=[{
      matcher: { id: 'byName', options: 'runbook' },
      properties: [{ id: 'custom.hidden', value: true }],
    }, {
      matcher: { id: 'byName', options: 'alertname' },
      properties: [{
        id: 'links',
        value: [{ title: 'Runbook', url: c.runbookURLPattern % '${__data.fields.runbook}', targetBlank: true }],
      }],
    }],
    links=[{ title: 'Runbooks', url: c.runbooksURL, targetBlank: true }],
  ),
];

{
  grafanaDashboards+:: {
    local c = $._config,
    local alertNames = [r.alert for group in $.prometheusAlerts.groups for r in group.rules if std.objectHas(r, 'alert')],
    'exporter-health.json': g.dashboard(
      c,
      uid=c.dashboardUIDs.exporterHealth,
      title='MetaAccess / Exporter health',
      description='Scrape targets and process, sync state, inventory passes and drift, API use, budget and rate limit, enrichment and scrape size of the MetaAccess exporter.',
      tags=['exporter'],
      links=[g.link('Fleet compliance', c.dashboardUIDs.fleetCompliance), g.docsLink('Runbooks', c.runbooksURL)],
      panels=panels(c, alertNames),
    ),
  },
}
