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
          {
            alert: 'MetaAccessExporterAbsent',
            expr: 'absent(metaaccess_exporter_build_info)',
            'for': c.exporterAbsentFor,
            labels: { severity: 'critical', component: 'exporter' },
            annotations: {
              summary: 'No MetaAccess exporter is reporting to Prometheus',
              description: t.prose(|||
                metaaccess_exporter_build_info has been absent for %s: no MetaAccess exporter is being
                scraped at all (target removed from service discovery, scrape job dropped, or every exporter down for long).
              ||| % t.words(c.exporterAbsentFor)),
            },
          },
        ],
      },
    ],
  },
}
