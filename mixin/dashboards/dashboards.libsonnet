// grafanaDashboards: file name → dashboard, one file per dashboard.
(import 'fleet-compliance.libsonnet')
+ (import 'exporter-health.libsonnet')
