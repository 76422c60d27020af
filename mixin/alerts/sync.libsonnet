local t = import '../lib/text.libsonnet';

{
  prometheusAlerts+:: {
    local c = $._config,
    groups+: [
      {
        name: 'metaaccess.sync',
        rules: [
          // Value: failed poll cycles in the last 15 minutes. A slow first sync (metaaccess_up = 0 but
          // no failed cycle yet) does not fire.
          {
            alert: 'MetaAccessSyncFailing',
            expr: |||
              (increase(metaaccess_poll_cycles_total{result="failure"}[15m]) > 0)
              and on (account, job, instance)
              (metaaccess_up == 0)
            |||,
            'for': c.syncFailingFor,
            labels: { severity: 'critical', component: 'sync' },
            annotations: {
              summary: 'MetaAccess sync of account {{ $labels.account }} is failing',
              description: t.prose(|||
                No poll cycle of account {{ $labels.account }} on {{ $labels.instance }} has completed for %s
                ({{ printf "%%.0f" $value }} failed cycles in the last 15 minutes). Every fleet metric of the account is frozen
                at the last successful sync.
              ||| % t.words(c.syncFailingFor)),
            },
          },
          {
            alert: 'MetaAccessSyncStale',
            expr: 'metaaccess:sync_watermark_age_seconds > %d' % t.seconds(c.syncStaleThreshold),
            'for': c.syncStaleFor,
            labels: { severity: 'warning', component: 'sync' },
            annotations: {
              summary: 'MetaAccess data of account {{ $labels.account }} is {{ $value | humanizeDuration }} old',
              description: t.prose(|||
                The exporter's model of account {{ $labels.account }} holds every change only up to {{ $value | humanizeDuration }} ago
                (threshold %s, for %s). Changes since then are not in the metrics yet; past 24 hours they can be lost for good.
              ||| % [c.syncStaleThreshold, c.syncStaleFor]),
            },
          },
          // A fresh start has a gap for 24 hours by design (the delta feed reaches back one day), so
          // only a gap that outlives a full window fires.
          {
            alert: 'MetaAccessSyncGap',
            expr: 'min by (account) (metaaccess_sync_gap) == 1',
            'for': c.syncGapFor,
            labels: { severity: 'warning', component: 'sync' },
            annotations: {
              summary: 'MetaAccess model of account {{ $labels.account }} may be missing changes',
              description: t.prose(|||
                metaaccess_sync_gap of account {{ $labels.account }} has been {{ $value }} for more than %s: the exporter
                has not watched one uninterrupted 24-hour window, so devices that changed while it was away may be missing or out of date.
              ||| % t.words(c.syncGapFor)),
            },
          },
        ],
      },
    ],
  },
}
