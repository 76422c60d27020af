local g = import '../lib/grafana.libsonnet';
local t = import '../lib/text.libsonnet';

// The panels in reading order; lib/grafana.libsonnet lays them out and numbers them.
local panels(c) = [
  g.row('Overview'),
  g.stat(
    'Devices',
    "Devices in the exporter's model for the selected accounts and groups.",
    g.target('sum(metaaccess_devices{account=~"$account", group=~"$group"})', 'devices'),
    unit='short', decimals=0, thresholds=g.steps(['blue']),
  ),
  g.stat(
    'Compliant',
    'Share of devices whose status is compliant.',
    g.target(|||
      (sum(metaaccess_devices{account=~"$account", group=~"$group", status="compliant"}) or 0 * sum(metaaccess_devices{account=~"$account", group=~"$group"}))
      / sum(metaaccess_devices{account=~"$account", group=~"$group"})
    |||, 'compliant'),
    unit='percentunit', decimals=1, thresholds=g.steps(['red', 0.8, 'orange', 0.9, 'green']),
    links=[g.runbookLink(c, 'MetaAccessNonCompliantShareHigh')],
  ),
  g.stat(
    'Devices with critical issues',
    'Devices with at least one critical issue.',
    g.target('sum(metaaccess_devices_with_critical_issues{account=~"$account", group=~"$group"})', 'devices'),
    unit='short', decimals=0, thresholds=g.steps(['green', 1, 'orange']),
  ),
  g.stat(
    'Critical issues',
    "Sum of the devices' critical issues.",
    g.target('sum(metaaccess_critical_issues{account=~"$account", group=~"$group"})', 'issues'),
    unit='short', decimals=0, thresholds=g.steps(['green', 1, 'orange']),
    links=[g.runbookLink(c, 'MetaAccessCriticalIssuesRising')],
  ),
  g.stat(
    'Unseen for %s' % t.words(c.notSeenOlderThan),
    'Devices whose last_seen is more than %s old (Exporter:StaleAfter threshold %s).' % [t.words(c.notSeenOlderThan), c.notSeenOlderThan],
    g.target('sum(metaaccess_devices_stale{account=~"$account", group=~"$group", older_than="%s"})' % c.notSeenOlderThan, 'devices'),
    unit='short', decimals=0, thresholds=g.steps(['green', 1, 'yellow']),
    links=[g.runbookLink(c, 'MetaAccessDevicesNotSeen')],
  ),
  g.stat(
    'Infected devices',
    'Devices whose device details report at least one threat. Needs enrichment: with it off the exporter serves no count, and the panel says so rather than show 0.',
    g.target('sum(metaaccess_devices_infected{account=~"$account", group=~"$group"})', 'devices'),
    unit='short', decimals=0, thresholds=g.steps(['green', 1, 'red']), noValue='enrichment off',
    links=[g.runbookLink(c, 'MetaAccessInfectionFound')],
  ),
  g.row('Licence'),
  g.gauge(
    'Licence in use',
    "Devices counted against the account's licence as a share of the devices it allows, as Account Details last said (account level: not filtered by group).",
    g.target('sum by (account) (metaaccess_account_devices_used{account=~"$account"}) / sum by (account) (metaaccess_account_devices_allowed{account=~"$account"})', '{{account}}'),
    w=8, h=8, unit='percentunit', min=0, max=1, thresholds=g.steps(['green', 0.9, 'yellow', 1, 'red']),
  ),
  g.timeseries(
    'Licensed devices',
    "Devices the licence allows and counts, as Account Details said, and the devices in the exporter's model (account level: not filtered by group).",
    [
      g.target('sum by (account) (metaaccess_account_devices_allowed{account=~"$account"})', '{{account}} allowed'),
      g.target('sum by (account) (metaaccess_account_devices_used{account=~"$account"})', '{{account}} used'),
      g.target('sum by (account) (metaaccess_devices{account=~"$account"})', '{{account}} in the model'),
    ],
    w=16, h=8, unit='short', min=0, links=[g.runbookLink(c, 'metaaccessmodeldrift', 'Runbook: MetaAccessModelDrift')],
  ),
  g.row('Compliance'),
  g.timeseries(
    'Devices by status',
    'Devices per compliance status over time (stacked).',
    [
      g.target('sum by (account, status) (metaaccess_devices{account=~"$account", group=~"$group"})', '{{account}} {{status}}'),
    ],
    unit='short', stacked=true, overrides=[g.fixedColor('byRegexp', '.* compliant', 'green')],
  ),
  g.timeseries(
    'Share compliant by account',
    'Compliant devices as a share of all devices, per account.',
    [
      g.target(|||
        (sum by (account) (metaaccess_devices{account=~"$account", group=~"$group", status="compliant"}) or 0 * sum by (account) (metaaccess_devices{account=~"$account", group=~"$group"}))
        / sum by (account) (metaaccess_devices{account=~"$account", group=~"$group"})
      |||, '{{account}}'),
    ],
    unit='percentunit', min=0, max=1,
  ),
  g.bargauge(
    'Share compliant by group',
    'Least compliant groups first.',
    g.instant(|||
      sort(
        (sum by (account, group) (metaaccess_devices{account=~"$account", group=~"$group", status="compliant"}) or 0 * sum by (account, group) (metaaccess_devices{account=~"$account", group=~"$group"}))
        / sum by (account, group) (metaaccess_devices{account=~"$account", group=~"$group"})
      )
    |||, '{{account}} {{group}}'),
    w=8, h=10, unit='percentunit', min=0, max=1, thresholds=g.steps(['red', 0.8, 'orange', 0.9, 'green']),
  ),
  g.table(
    'Devices by group and status',
    'Number of devices per group (rows) and status (columns), now.',
    g.tableQuery('sum by (group, status) (metaaccess_devices{account=~"$account", group=~"$group"})'),
    w=8, h=10,
    unit='short',
    transformations=[{
      id: 'groupingToMatrix',
      options: { columnField: 'status', rowField: 'group', valueField: 'Value', emptyValue: 'zero' },
    }],
  ),
  g.timeseries(
    'Devices by severity',
    'Devices per severity reported by MetaAccess (stacked).',
    [
      g.target('sum by (account, severity) (metaaccess_devices{account=~"$account", group=~"$group"})', '{{account}} {{severity}}'),
    ],
    w=8, h=10, unit='short', stacked=true,
  ),
  g.row('Issues'),
  g.timeseries(
    'Issues',
    "Sums of the devices' issue counts, and the devices with at least one critical issue.",
    [
      g.target('sum(metaaccess_issues{account=~"$account", group=~"$group"})', 'all issues'),
      g.target('sum(metaaccess_warning_issues{account=~"$account", group=~"$group"})', 'warning issues'),
      g.target('sum(metaaccess_critical_issues{account=~"$account", group=~"$group"})', 'critical issues'),
      g.target('sum(metaaccess_devices_with_critical_issues{account=~"$account", group=~"$group"})', 'devices with critical issues'),
    ],
    unit='short',
  ),
  g.timeseries(
    'Devices with critical issues by group',
    'Devices with at least one critical issue, per group.',
    [
      g.target('sum by (account, group) (metaaccess_devices_with_critical_issues{account=~"$account", group=~"$group"})', '{{account}} {{group}}'),
    ],
    unit='short',
  ),
  g.table(
    'Devices with the most critical issues',
    'The 20 devices with the most critical issues (devices without one are left out), from the per-device series of /metrics/devices.',
    g.tableQuery(|||
      topk(20,
          (max by (account, device_id) (metaaccess_device_critical_issues{account=~"$account"}) > 0)
        * on (account, device_id) group_left (device_name, group, device_type, os_family, agent_version)
          max by (account, device_id, device_name, group, device_type, os_family, agent_version) (metaaccess_device_info{account=~"$account", group=~"$group"})
        * on (account, device_id) group_left (status, severity)
          max by (account, device_id, status, severity) (metaaccess_device_status{account=~"$account"})
      )
    |||),
    w=24, h=10,
    transformations=[g.organize(
      ['Time'],
      order={
        device_name: 0, device_id: 1, group: 2, status: 3, severity: 4,
        Value: 5, os_family: 6, device_type: 7, agent_version: 8, account: 9,
      },
      rename={
        Value: 'Critical issues', device_name: 'Device', device_id: 'Device id', group: 'Group', status: 'Status',
        severity: 'Severity', os_family: 'OS', device_type: 'Type', agent_version: 'Agent', account: 'Account',
      },
    )],
    sortBy=[{ displayName: 'Critical issues', desc: true }],
  ),
  g.row('Devices not seen'),
  g.timeseries(
    'Devices not seen, by threshold',
    'Devices whose last_seen is older than each Exporter:StaleAfter threshold.',
    [
      g.target('sum by (account, older_than) (metaaccess_devices_stale{account=~"$account", group=~"$group"})', '{{account}} not seen for {{older_than}}'),
    ],
    unit='short', links=[g.runbookLink(c, 'MetaAccessDevicesNotSeen')],
  ),
  g.bargauge(
    'Not seen for %s, by group' % t.words(c.notSeenOlderThan),
    'Groups with the most devices unseen for more than %s.' % t.words(c.notSeenOlderThan),
    g.instant(
      'sort_desc(sum by (account, group) (metaaccess_devices_stale{account=~"$account", group=~"$group", older_than="%s"}))' % c.notSeenOlderThan,
      '{{account}} {{group}}',
    ),
    w=12, h=8, thresholds=g.steps(['green', 1, 'yellow', 10, 'orange']),
  ),
  g.row('Inventory'),
  g.piechart(
    'Operating systems',
    'Devices per OS family (metaaccess_device_info).',
    g.instant('sort_desc(count by (os_family) (max by (account, device_id, os_family) (metaaccess_device_info{account=~"$account", group=~"$group"})))', '{{os_family}}'),
  ),
  g.bargauge(
    'Agent versions',
    'Devices per MetaAccess agent version (metaaccess_device_info).',
    g.instant('sort_desc(count by (agent_version) (max by (account, device_id, agent_version) (metaaccess_device_info{account=~"$account", group=~"$group"})))', '{{agent_version}}'),
    w=8, h=9, thresholds=g.steps(['blue']),
  ),
  g.piechart(
    'Device types',
    'Devices per device type (metaaccess_device_info).',
    g.instant('sort_desc(count by (device_type) (max by (account, device_id, device_type) (metaaccess_device_info{account=~"$account", group=~"$group"})))', '{{device_type}}'),
  ),
  g.row('Device details (enrichment)'),
  g.stat(
    'Details coverage',
    'Share of devices whose device details are fresh. The panels of this row only know devices with details.',
    g.target('min(metaaccess_enrichment_coverage_ratio{account=~"$account"})', 'coverage'),
    h=8, unit='percentunit', decimals=0, min=0, max=1, thresholds=g.steps(['orange', 0.9, 'green']), noValue='enrichment off',
  ),
  g.bargauge(
    'Devices with an issue, by category',
    'Devices whose details show an issue in each application category (Antivirus, Firewall, Encryption...), for the selected groups.',
    g.instant(|||
      sort_desc(count by (category) (
          max by (account, device_id, category) (metaaccess_device_category_issue{account=~"$account"})
        * on (account, device_id) group_left ()
          max by (account, device_id) (metaaccess_device_info{account=~"$account", group=~"$group"})
      ))
    |||, '{{category}}'),
    w=10, h=8, thresholds=g.steps(['yellow']),
  ),
  g.timeseries(
    'Devices with a critical issue, by category',
    'Devices whose details show a critical issue in each category (account level: not filtered by group).',
    [
      g.target('sum by (account, category) (metaaccess_devices_with_critical_category_issue{account=~"$account"})', '{{account}} {{category}}'),
    ],
    w=10, unit='short',
  ),
  g.timeseries(
    'Infected devices by group',
    'Devices whose details report at least one threat.',
    [
      g.target('sum by (account, group) (metaaccess_devices_infected{account=~"$account", group=~"$group"})', '{{account}} {{group}}'),
    ],
    unit='short', links=[g.runbookLink(c, 'MetaAccessInfectionFound')],
  ),
  g.timeseries(
    'Threats by group',
    'Threats reported in device details.',
    [
      g.target('sum by (account, group) (metaaccess_threats{account=~"$account", group=~"$group"})', '{{account}} {{group}}'),
    ],
    unit='short',
  ),
];

{
  grafanaDashboards+:: {
    local c = $._config,
    'fleet-compliance.json': g.dashboard(
      c,
      uid=c.dashboardUIDs.fleetCompliance,
      title='MetaAccess / Fleet compliance',
      description='Compliance, issues, staleness, inventory and threats of the devices MetaAccess manages, from the MetaAccess exporter.',
      tags=['compliance'],
      links=[g.link('Exporter health', c.dashboardUIDs.exporterHealth), g.docsLink('Runbooks', c.runbooksURL)],
      panels=panels(c),
    ),
  },
}
