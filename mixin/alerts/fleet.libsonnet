local t = import '../lib/text.libsonnet';

{
  prometheusAlerts+:: {
    local c = $._config,
    groups+: [
      {
        name: 'metaaccess.fleet',
        rules: [
          {
            alert: 'MetaAccessNonCompliantShareHigh',
            expr: |||
              metaaccess:devices_noncompliant:ratio > %s
              and on (account)
              metaaccess:devices:sum >= %s
            ||| % [t.number(c.nonCompliantShareThreshold), t.number(c.nonCompliantMinDevices)],
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
          // While the sync has a gap the model is still filling in, so a rise says nothing.
          {
            alert: 'MetaAccessCriticalIssuesRising',
            expr: |||
              (
                  metaaccess:devices_with_critical_issues:sum
                - metaaccess:devices_with_critical_issues:sum offset 1h
              )
              > clamp_min(%s * metaaccess:devices_with_critical_issues:sum offset 1h, %s)
              unless on (account)
              (max by (account) (metaaccess_sync_gap) == 1)
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
                  sum by (account, group) (metaaccess_devices_stale{older_than="%(age)s"})
                / (sum by (account, group) (metaaccess_devices) > 0)
              ) > %(share)s
              and on (account, group)
              sum by (account, group) (metaaccess_devices_stale{older_than="%(age)s"}) >= %(min)s
            ||| % {
              age: c.notSeenOlderThan,
              share: t.number(c.notSeenShare),
              min: t.number(c.notSeenMinDevices),
            },
            'for': c.notSeenFor,
            labels: { severity: 'info', component: 'fleet' },
            annotations: {
              summary: '{{ $value | humanizePercentage }} of group {{ $labels.group }} unseen for %s' % t.words(c.notSeenOlderThan),
              description: t.prose(|||
                {{ $value | humanizePercentage }} of the devices of group {{ $labels.group }} in account {{ $labels.account }} have
                not reported to MetaAccess for more than %s (threshold: more than %s and at least %s devices, for %s).
              ||| % [
                t.words(c.notSeenOlderThan),
                t.percent(c.notSeenShare),
                t.number(c.notSeenMinDevices),
                t.words(c.notSeenFor),
              ]),
            },
          },
        ],
      },
    ],
  },
}
