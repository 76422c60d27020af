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
          // The watermark trails by one poll interval by design: the threshold follows the exporter's
          // MetaAccess:PollInterval, so a 45-minute interval does not fire every cycle.
          {
            alert: 'MetaAccessSyncStale',
            expr: |||
              account:metaaccess_sync_watermark:age_seconds
              > clamp_min(%(intervals)s * metaaccess_config_poll_interval_seconds, %(floor)d)
            ||| % { intervals: t.number(c.syncStalePollIntervals), floor: t.seconds(c.syncStaleThreshold) },
            'for': c.syncStaleFor,
            labels: { severity: 'warning', component: 'sync' },
            annotations: {
              summary: 'MetaAccess data of account {{ $labels.account }} is {{ $value | humanizeDuration }} old',
              description: t.prose(|||
                The exporter's model of account {{ $labels.account }} holds every change only up to {{ $value | humanizeDuration }} ago
                (threshold: the larger of %s and %s poll intervals, for %s). Changes since then are not in the metrics yet;
                past 24 hours they can be lost for good.
              ||| % [t.words(c.syncStaleThreshold), t.number(c.syncStalePollIntervals), t.words(c.syncStaleFor)]),
            },
          },
          // The gap closes when an inventory pass completes, minutes to hours after it opens. It
          // fires when nothing is closing it: no pass has listed a device for a while (none running,
          // or one stuck), so a normal first pass, however long, never fires it.
          {
            alert: 'MetaAccessSyncGap',
            expr: |||
              metaaccess_sync_gap == 1
              unless on (account, job, instance)
              (changes(metaaccess_inventory_pass_listed_devices[%s]) > 0)
            ||| % c.syncGapStalledAfter,
            'for': c.syncGapFor,
            labels: { severity: 'warning', component: 'sync' },
            annotations: {
              summary: 'MetaAccess model of account {{ $labels.account }} may be missing devices, and no inventory pass is closing the gap',
              description: t.prose(|||
                metaaccess_sync_gap of account {{ $labels.account }} on {{ $labels.instance }} is 1, and no inventory pass has listed
                a device for at least %s: the model may miss devices or changes, and nothing is making it whole.
              ||| % t.words(c.syncGapFor)),
            },
          },
          // Passes complete every Inventory:RefreshAfter; a last pass much older means they fail or
          // cannot get the budget, and devices that left without a tombstone stay in the model.
          {
            alert: 'MetaAccessInventoryPassOverdue',
            expr: |||
              time() - metaaccess_inventory_last_pass_completed_timestamp_seconds
              > %s * metaaccess_config_inventory_refresh_seconds
            ||| % t.number(c.inventoryOverdueFactor),
            'for': c.inventoryOverdueFor,
            labels: { severity: 'warning', component: 'sync' },
            annotations: {
              summary: 'The last inventory pass of account {{ $labels.account }} ended {{ $value | humanizeDuration }} ago',
              description: t.prose(|||
                The last complete inventory pass of account {{ $labels.account }} on {{ $labels.instance }} ended {{ $value | humanizeDuration }}
                ago, more than %s times Inventory:RefreshAfter. Devices are not being re-read, and devices that left the
                account without a tombstone stay in the model.
              ||| % t.number(c.inventoryOverdueFactor)),
            },
          },
          // Device details (threats, category issues) are refreshed every Enrichment:RefreshAfter;
          // absent with enrichment off. Quiet while the model fills after a fresh start.
          {
            alert: 'MetaAccessEnrichmentOverdue',
            expr: |||
              metaaccess_enrichment_oldest_age_seconds
              > %s * metaaccess_config_enrichment_refresh_seconds
              unless on (account)
              (%s)
            ||| % [t.number(c.enrichmentOverdueFactor), c.modelIncompleteSelector],
            'for': c.enrichmentOverdueFor,
            labels: { severity: 'warning', component: 'sync' },
            annotations: {
              summary: 'Device details of account {{ $labels.account }} are {{ $value | humanizeDuration }} old',
              description: t.prose(|||
                The oldest device details of account {{ $labels.account }} on {{ $labels.instance }} are {{ $value | humanizeDuration }} old
                (or a device has waited that long for its first), more than %s times Enrichment:RefreshAfter, for %s.
                Infections and category issues may be out of date.
              ||| % [t.number(c.enrichmentOverdueFactor), t.words(c.enrichmentOverdueFor)]),
            },
          },
        ],
      },
    ],
  },
}
