local t = import '../lib/text.libsonnet';

// Every fleet alert but the licence's reads the model, which may miss devices while
// metaaccess_sync_gap is 1 (a fresh start until the first inventory pass completes): they stay quiet then.
{
  prometheusAlerts+:: {
    local c = $._config,
    local quietWhileIncomplete = |||
      unless on (account)
      (%s)
    ||| % c.modelIncompleteSelector,
    // The older_than series of metaaccess_devices_stale whose configured age is the smallest at
    // least notSeenAfter: follows the exporter's Exporter:StaleAfter, whatever its labels are called.
    local notSeenStale =
      '(metaaccess_devices_stale and on (account, job, instance, older_than) '
      + 'bottomk by (account, job, instance) (1, metaaccess_config_stale_threshold_seconds >= %d))' % t.seconds(c.notSeenAfter),
    groups+: [
      {
        name: 'metaaccess.fleet',
        rules: [
          {
            alert: 'MetaAccessNonCompliantShareHigh',
            expr: |||
              account:metaaccess_devices_noncompliant:ratio > %s
              and
              account:metaaccess_devices:sum >= %s
            ||| % [t.number(c.nonCompliantShareThreshold), t.number(c.nonCompliantMinDevices)] + quietWhileIncomplete,
            'for': c.nonCompliantFor,
            keep_firing_for: '15m',
            labels: { severity: 'warning', component: 'fleet' },
            annotations: {
              summary: "{{ $value | humanizePercentage }} of account {{ $labels.account }}'s devices are not compliant",
              description: t.prose(|||
                {{ $value | humanizePercentage }} of the devices of account {{ $labels.account }} have a status other than compliant,
                exempted or pending (threshold %s, for %s). See the Fleet compliance dashboard for the groups and statuses involved.
              ||| % [t.percent(c.nonCompliantShareThreshold), t.words(c.nonCompliantFor)]),
            },
          },
          // Compared with an hour ago, so the model must have been whole for the whole hour: a rise
          // from a model still filling after a fresh start says nothing.
          {
            alert: 'MetaAccessCriticalIssuesRising',
            expr: |||
              (
                  account:metaaccess_devices_with_critical_issues:sum
                - account:metaaccess_devices_with_critical_issues:sum offset 1h
              )
              > clamp_min(%s * account:metaaccess_devices_with_critical_issues:sum offset 1h, %s)
              unless on (account)
              (max by (account) (max_over_time(metaaccess_sync_gap[1h])) == 1)
            ||| % [t.number(c.criticalIssuesRisingShare), t.number(c.criticalIssuesRisingMinDevices)],
            'for': c.criticalIssuesRisingFor,
            keep_firing_for: '15m',
            labels: { severity: 'warning', component: 'fleet' },
            annotations: {
              summary: '{{ printf "%.0f" $value }} more devices of account {{ $labels.account }} have critical issues than an hour ago',
              description: t.prose(|||
                The number of devices with at least one critical issue in account {{ $labels.account }} grew by {{ printf "%%.0f" $value }}
                in the last hour (threshold: more than %s and at least %s devices, for %s).
              ||| % [
                t.percent(c.criticalIssuesRisingShare),
                t.number(c.criticalIssuesRisingMinDevices),
                t.words(c.criticalIssuesRisingFor),
              ]),
            },
          },
          {
            alert: 'MetaAccessDevicesNotSeen',
            expr: |||
              (
                  %(stale)s
                / ignoring (older_than) group_left ()
                  (sum without (status, severity) (metaaccess_devices) > 0)
              ) > %(share)s
              and
              %(stale)s >= %(min)s
            ||| % {
              stale: notSeenStale,
              share: t.number(c.notSeenShare),
              min: t.number(c.notSeenMinDevices),
            } + quietWhileIncomplete,
            'for': c.notSeenFor,
            labels: { severity: 'info', component: 'fleet' },
            annotations: {
              summary: '{{ $value | humanizePercentage }} of group {{ $labels.group }} unseen for {{ $labels.older_than }}',
              description: t.prose(|||
                {{ $value | humanizePercentage }} of the devices of group {{ $labels.group }} in account {{ $labels.account }} have
                not reported to MetaAccess for more than {{ $labels.older_than }} (threshold: more than %s and at least %s devices, for %s).
              ||| % [
                t.percent(c.notSeenShare),
                t.number(c.notSeenMinDevices),
                t.words(c.notSeenFor),
              ]),
            },
          },
          // Drift is taken when account details are read: a reading older than two refresh
          // intervals (reads failing) is not trusted, and none is while the model fills in.
          {
            alert: 'MetaAccessModelDrift',
            expr: |||
              abs(metaaccess_account_model_drift_devices)
              > clamp_min(%(share)s * sum without (status) (metaaccess_account_devices_by_status), %(min)s)
              and
              time() - metaaccess_account_last_refresh_timestamp_seconds < 2 * metaaccess_config_account_refresh_seconds
            ||| % { share: t.number(c.modelDriftShare), min: t.number(c.modelDriftMinDevices) } + quietWhileIncomplete,
            'for': c.modelDriftFor,
            labels: { severity: 'warning', component: 'fleet' },
            annotations: {
              summary: "The model of account {{ $labels.account }} disagrees with the vendor's totals by {{ $value }} devices",
              description: t.prose(|||
                The exporter's model of account {{ $labels.account }} on {{ $labels.instance }} holds {{ $value }} devices more or fewer
                than the vendor's own totals (Account Details), for %s (threshold: more than %s of them and at least %s devices).
                Fleet counts and shares are off by that much.
              ||| % [t.words(c.modelDriftFor), t.percent(c.modelDriftShare), t.number(c.modelDriftMinDevices)]),
            },
          },
          // The vendor's own figures: they do not depend on the model, so no gap holds this back.
          {
            alert: 'MetaAccessLicenceNearlyUsedUp',
            expr: |||
              metaaccess_account_devices_used / (metaaccess_account_devices_allowed > 0) > %s
            ||| % t.number(c.licenceUseThreshold),
            'for': c.licenceUseFor,
            labels: { severity: 'warning', component: 'fleet' },
            annotations: {
              summary: "{{ $value | humanizePercentage }} of account {{ $labels.account }}'s licence is in use",
              description: t.prose(|||
                Account {{ $labels.account }} uses {{ $value | humanizePercentage }} of the devices its licence allows (threshold %s,
                for %s). New devices may be refused once it is full.
              ||| % [t.percent(c.licenceUseThreshold), t.words(c.licenceUseFor)]),
            },
          },
        ],
      },
    ],
  },
}
