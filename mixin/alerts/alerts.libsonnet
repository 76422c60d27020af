// prometheusAlerts: the alert groups, in the order of alerts/metaaccess.rules.yml.
//
// Every alert carries:
//   labels.severity    critical (pages), warning (chat), info (low-priority channel)
//   labels.component   exporter | sync | api | fleet | security; Alertmanager's inhibition rules
//                      (deploy/alertmanager/alertmanager.yml) match on it
//   annotations        summary, description (with the values that matter) and runbook_url, added
//                      below from _config.runbookURLPattern: the alert's section of docs/runbooks.md
//                      (anchor = the alert name in lower case)
// Some alerts read the recording rules of rules/recording.libsonnet: load both files.
(import 'exporter.libsonnet')
+ (import 'sync.libsonnet')
+ (import 'api.libsonnet')
+ (import 'fleet.libsonnet')
+ (import 'security.libsonnet')
+ (import 'web.libsonnet')
+ {
  prometheusAlerts+:: {
    groups: [
      group {
        rules: [
          rule { annotations+: { runbook_url: $._config.runbookURLPattern % std.asciiLower(rule.alert) } }
          for rule in group.rules
        ],
      }
      for group in super.groups
    ],
  },
}
