local t = import '../lib/text.libsonnet';

{
  prometheusAlerts+:: {
    local c = $._config,
    groups+: [
      {
        name: 'metaaccess.security',
        rules: [
          // Deliberately not inhibited by a failing sync: the threats were reported by the device
          // details the exporter holds, and a frozen sync does not make them less real. It stays
          // firing while the threat is reported; Alertmanager's route for `security` reminds daily,
          // not at the pager's hourly repeat.
          {
            alert: 'MetaAccessInfectionFound',
            expr: 'metaaccess_devices_infected > 0',
            'for': c.infectionFoundFor,
            labels: { severity: 'critical', component: 'security' },
            annotations: {
              summary: '{{ $value }} infected device(s) in group {{ $labels.group }} of account {{ $labels.account }}',
              description: t.prose(|||
                MetaAccess device details report at least one threat on {{ $value }} device(s) of group {{ $labels.group }}
                in account {{ $labels.account }}. The threats and the files they were found in are in the MetaAccess console's device details.
              |||),
            },
          },
        ],
      },
    ],
  },
}
