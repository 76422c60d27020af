// The files the repository ships, generated from the mixin: path (from the repository root) →
// content. mixin/generate.sh writes them with `jsonnet -S -m`, which adds the final newline.
local manifest = import 'lib/manifest.libsonnet';
local mixin = import 'mixin.libsonnet';

local header(what) = [
  what + ' for the MetaAccess exporter.',
  'GENERATED from mixin/ (the monitoring mixin, docs/mixin.md): do not edit by hand. Change the',
  'jsonnet in mixin/ and run mixin/generate.sh; a test fails when this file differs from its output.',
  'Thresholds and `for:` durations are explained, alert by alert, in docs/runbooks.md.',
  'Unit tests: alerts/tests/*.test.yml (`promtool test rules alerts/tests/*.test.yml`).',
  'The alert rules read the recording rules of metaaccess.recording.yml: load both files.',
];

{
  'alerts/metaaccess.rules.yml': manifest.ruleFile(header('Alert rules'), mixin.prometheusAlerts),
  'alerts/metaaccess.recording.yml': manifest.ruleFile(header('Recording rules'), mixin.prometheusRules),
} + {
  ['dashboards/' + name]: manifest.json(mixin.grafanaDashboards[name])
  for name in std.objectFields(mixin.grafanaDashboards)
}
