// The MetaAccess exporter's monitoring mixin (the kubernetes-mixin convention): _config,
// prometheusAlerts, prometheusRules and grafanaDashboards. Use it from another jsonnet project as
//   (import 'mixin/mixin.libsonnet') + { _config+:: { syncStaleThreshold: '1h' } }
// docs/mixin.md lists the configuration; mixin/generate.sh writes the repository's alerts/ and
// dashboards/ from it.
(import 'config.libsonnet')
+ (import 'alerts/alerts.libsonnet')
+ (import 'rules/recording.libsonnet')
+ (import 'dashboards/dashboards.libsonnet')
