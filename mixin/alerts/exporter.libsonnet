local t = import '../lib/text.libsonnet';

{
  prometheusAlerts+:: {
    local c = $._config,
    groups+: [
      {
        name: 'metaaccess.exporter',
        rules: [
          // Two ways to know a target is a MetaAccess exporter without hard-coding a job name:
          //  - it exposed metaaccess_up in the last day (that also yields the `account` label the
          //    inhibition rules need), or
          //  - its job matches metaaccessJobSelector (covers a /metrics/devices job, and exporters
          //    down for more than a day).
          {
            alert: 'MetaAccessExporterDown',
            expr: |||
              (
                  group by (account, job, instance) (max_over_time(metaaccess_up[1d]))
                and on (job, instance)
                  (up == 0)
              )
              or on (job, instance)
                (up{%s} == 0)
            ||| % c.metaaccessJobSelector,
            'for': c.exporterDownFor,
            labels: { severity: 'critical', component: 'exporter' },
            annotations: {
              summary: 'MetaAccess exporter {{ $labels.instance }} is down',
              description: t.prose(|||
                Prometheus has failed to scrape job {{ $labels.job }} at {{ $labels.instance }}{{ with $labels.account }} (account {{ . }}){{ end }}
                for %s. The account's MetaAccess metrics are missing, and the alerts built on them cannot fire.
              ||| % t.words(c.exporterDownFor)),
            },
          },
          // Not `absent(...)`: that fires in every Prometheus that loads these rules without scraping
          // an exporter. A job that reported an exporter within the lookback and has none now is one
          // that lost it (target gone from service discovery, scrape job dropped).
          {
            alert: 'MetaAccessExporterAbsent',
            expr: |||
              group by (job) (present_over_time(metaaccess_exporter_build_info[%s]))
              unless on (job)
              group by (job) (metaaccess_exporter_build_info)
            ||| % c.exporterAbsentLookback,
            'for': c.exporterAbsentFor,
            labels: { severity: 'critical', component: 'exporter' },
            annotations: {
              summary: 'Job {{ $labels.job }} no longer scrapes any MetaAccess exporter',
              description: t.prose(|||
                Job {{ $labels.job }} scraped a MetaAccess exporter within the last %s, but none for %s (target removed from
                service discovery, scrape job dropped, or every exporter of the job down for long). The alerts built on
                its metrics cannot fire.
              ||| % [t.words(c.exporterAbsentLookback), t.words(c.exporterAbsentFor)]),
            },
          },
        ],
      },
    ],
  },
}
