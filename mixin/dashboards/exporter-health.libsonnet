local g = import '../lib/grafana.libsonnet';

// The panels in reading order; lib/grafana.libsonnet lays them out and numbers them.
local panels(c) = [
  g.row('Sync'),
  g.stat(
    'Sync',
    '1 if the latest poll cycle completed (metaaccess_up).',
    g.target('min by (account) (metaaccess_up{account=~"$account"})', '{{account}}'),
    thresholds=g.steps(['red', 1, 'green']),
    mappings=g.valueTexts([['1', 'UP', 'green'], ['0', 'FAILING', 'red']]),
    colorMode='background',
    graphMode='none',
  ),
  g.stat(
    'Watermark age',
    'How far behind now the model is complete (alert MetaAccessSyncStale above 30m).',
    g.target('time() - max by (account) (metaaccess_sync_watermark_timestamp_seconds{account=~"$account"} > 0)', '{{account}}'),
    w=5, unit='s', thresholds=g.steps(['green', 600, 'yellow', 1800, 'red']), graphMode='none',
  ),
  g.stat(
    'Last successful sync',
    'Time since the latest completed poll cycle ended.',
    g.target('time() - max by (account) (metaaccess_last_successful_sync_timestamp_seconds{account=~"$account"} > 0)', '{{account}}'),
    w=5, unit='s', thresholds=g.steps(['green', 600, 'yellow', 1800, 'red']), graphMode='none',
  ),
  g.stat(
    'Sync gap',
    "1 while changes may be missing: the exporter was away longer than the API's 24-hour window, or has not yet watched a full one.",
    g.target('max by (account) (metaaccess_sync_gap{account=~"$account"})', '{{account}}'),
    thresholds=g.steps(['green', 1, 'orange']),
    mappings=g.valueTexts([['0', 'complete', 'green'], ['1', 'GAP', 'orange']]),
    colorMode='background',
    graphMode='none',
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
    unit='s',
  ),
  g.timeseries(
    'Poll cycles per minute',
    'Completed and failed poll cycles.',
    [
      g.target('sum by (account, result) (rate(metaaccess_poll_cycles_total{account=~"$account"}[$__rate_interval])) * 60', '{{account}} {{result}}'),
    ],
    unit='short', axisLabel='per minute', overrides=[g.fixedColor('byRegexp', '.*failure', 'red')],
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
  g.row('MetaAccess API'),
  g.timeseries(
    'API calls by endpoint and code',
    'Calls to the MetaAccess API per minute, by endpoint and HTTP status (or error / timeout).',
    [
      g.target('sum by (endpoint, code) (rate(metaaccess_api_requests_total{account=~"$account"}[$__rate_interval])) * 60', '{{endpoint}} {{code}}'),
    ],
    unit='short', stacked=true, axisLabel='per minute',
  ),
  g.timeseries(
    'Failed API calls',
    'Share of calls that did not succeed (413 ends a page walk and is not a failure).',
    [
      g.target(|||
        sum by (account) (rate(metaaccess_api_requests_total{account=~"$account", code!~"2..|413"}[$__rate_interval]))
        / sum by (account) (rate(metaaccess_api_requests_total{account=~"$account"}[$__rate_interval]))
      |||, '{{account}}'),
    ],
    unit='percentunit', min=0,
  ),
  g.timeseries(
    'Throttled responses per minute',
    'Answers that said the rate limit was hit (alert MetaAccessApiThrottled).',
    [
      g.target('sum by (account) (rate(metaaccess_api_throttled_total{account=~"$account"}[$__rate_interval])) * 60', '{{account}}'),
    ],
    w=8, unit='short', axisLabel='per minute',
  ),
  g.timeseries(
    'Invalid responses per minute',
    'Answers that were not the expected JSON.',
    [
      g.target('sum by (account, endpoint) (rate(metaaccess_api_invalid_responses_total{account=~"$account"}[$__rate_interval])) * 60', '{{account}} {{endpoint}}'),
    ],
    w=8, unit='short', axisLabel='per minute',
  ),
  g.gauge(
    'Budget use',
    'API calls in the last 60 seconds as a share of MetaAccess:RequestsPerMinute.',
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
    w=24, unit='short',
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
    w=8, unit='short',
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
      g.target(|||
        scrape_samples_scraped
        * on (instance) group_left () group by (instance) (metaaccess_up{account=~"$account"})
      |||, '{{job}} {{instance}}'),
    ],
    w=8, unit='short',
  ),
  g.timeseries(
    'Scrape duration',
    'How long each scrape of the exporter took.',
    [
      g.target(|||
        scrape_duration_seconds
        * on (instance) group_left () group by (instance) (metaaccess_up{account=~"$account"})
      |||, '{{job}} {{instance}}'),
    ],
    w=8, unit='s',
  ),
  g.table(
    'Exporter instances',
    'Running exporters and their versions.',
    g.tableQuery(|||
      max by (instance, version, revision) (metaaccess_exporter_build_info)
      * on (instance) group_left () group by (instance) (metaaccess_up{account=~"$account"})
    |||),
    w=8, h=8, transformations=[g.organize(['Time', 'Value'])],
  ),
  g.table(
    'Firing MetaAccess alerts',
    'Alerts of alerts/metaaccess.rules.yml firing now (empty when the rules are not loaded or nothing fires).',
    g.tableQuery('ALERTS{alertname=~"MetaAccess.*", alertstate="firing", account=~"$account"}'),
    w=24, h=6, transformations=[g.organize(['Time', 'Value', '__name__', 'alertstate'])],
  ),
];

{
  grafanaDashboards+:: {
    local c = $._config,
    'exporter-health.json': g.dashboard(
      c,
      uid=c.dashboardUIDs.exporterHealth,
      title='MetaAccess / Exporter health',
      description='Sync state, API use and budget, enrichment and scrape size of the MetaAccess exporter.',
      tags=['exporter'],
      links=[g.link('Fleet compliance', c.dashboardUIDs.fleetCompliance)],
      panels=panels(c),
    ),
  },
}
