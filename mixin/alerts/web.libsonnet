local t = import '../lib/text.libsonnet';

// The exporter's own web configuration (--web.config.file): these series exist only with it, and
// describe the process, so they carry job and instance but no account.
{
  prometheusAlerts+:: {
    local c = $._config,
    groups+: [
      {
        name: 'metaaccess.web',
        rules: [
          {
            alert: 'MetaAccessWebAuthFailures',
            expr: |||
              sum without (reason) (increase(metaaccess_web_auth_failures_total[15m])) > %s
            ||| % t.number(c.webAuthFailuresThreshold),
            'for': c.webAuthFailuresFor,
            labels: { severity: 'warning', component: 'security' },
            annotations: {
              summary: 'The MetaAccess exporter {{ $labels.instance }} keeps refusing credentials',
              description: t.prose(|||
                The exporter at {{ $labels.instance }} refused {{ printf "%%.0f" $value }} requests or TLS client certificates in the
                last 15 minutes, for %s: a scraper with outdated credentials, or someone guessing passwords.
              ||| % t.words(c.webAuthFailuresFor)),
            },
          },
          {
            alert: 'MetaAccessWebConfigReloadFailed',
            expr: 'metaaccess_web_config_last_reload_successful == 0',
            'for': c.webConfigReloadFailedFor,
            labels: { severity: 'warning', component: 'exporter' },
            annotations: {
              summary: 'The MetaAccess exporter {{ $labels.instance }} refused its changed web configuration',
              description: t.prose(|||
                The latest change to the web configuration file of the exporter at {{ $labels.instance }} was refused, for %s:
                the previous TLS and basic-auth settings stay in force, and the exporter's log says what is wrong.
              ||| % t.words(c.webConfigReloadFailedFor)),
            },
          },
          {
            alert: 'MetaAccessTlsCertificateExpiring',
            expr: |||
              metaaccess_web_tls_certificate_expiry_timestamp_seconds - time() < %d
            ||| % t.seconds(c.tlsCertificateExpiresWithin),
            labels: { severity: 'warning', component: 'exporter' },
            annotations: {
              summary: 'The TLS certificate of the MetaAccess exporter {{ $labels.instance }} expires in {{ $value | humanizeDuration }}',
              description: t.prose(|||
                The certificate the exporter at {{ $labels.instance }} serves expires in {{ $value | humanizeDuration }} (threshold %s).
                Once expired, Prometheus can no longer scrape it over TLS.
              ||| % t.words(c.tlsCertificateExpiresWithin)),
            },
          },
          {
            alert: 'MetaAccessLabelValuesFolded',
            expr: 'metaaccess_label_values_folded > 0',
            'for': c.labelValuesFoldedFor,
            labels: { severity: 'info', component: 'exporter' },
            annotations: {
              summary: '{{ $value }} values of label {{ $labels.label }} of account {{ $labels.account }} are summed under "other"',
              description: t.prose(|||
                Account {{ $labels.account }} has more {{ $labels.label }} values than Exporter:MaxLabelValues: {{ $value }} of them are summed
                under "other" on /metrics, for %s. Totals are right, but those values have no series of their own.
              ||| % t.words(c.labelValuesFoldedFor)),
            },
          },
        ],
      },
    ],
  },
}
