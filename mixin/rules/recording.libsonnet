// prometheusRules: the recording rules.
//
// They precompute the per-account expressions that both the alert rules and the dashboards would
// otherwise repeat on every evaluation and every refresh. Names follow the Prometheus convention
// level:metric:operations (https://prometheus.io/docs/practices/rules/): the level is the labels the
// result keeps besides the target's own `job` and `instance`, the metric is the exporter's name
// without `_total`, the operations are what was done to it.
//
// Aggregations are written `sum without (...)`, naming the labels they drop, so that `job`,
// `instance` and any label the scrape configuration adds (cluster, region...) stay on the result.
// One exporter serves one account (two exporters of the same account would share, and overrun, the
// account's API budget), so each result is one account's one exporter.
{
  prometheusRules+:: {
    groups+: [
      {
        name: 'metaaccess.recording',
        rules: [
          {
            record: 'account:metaaccess_devices:sum',
            expr: 'sum without (group, status, severity) (metaaccess_devices)',
          },
          {
            record: 'account_status:metaaccess_devices:sum',
            expr: 'sum without (group, severity) (metaaccess_devices)',
          },
          // Devices whose status is not `compliant`, `exempted` or `pending` (compliance not evaluated
          // yet), as a share of all devices. Status is an open set (API.md): anything new, and
          // `unknown`, counts as not compliant.
          // The `or ... * 0` keeps the ratio at 0 (instead of absent) when every device is compliant.
          {
            record: 'account:metaaccess_devices_noncompliant:ratio',
            expr: |||
              (
                  sum without (group, status, severity) (metaaccess_devices{status!~"compliant|exempted|pending"})
                or
                  0 * sum without (group, status, severity) (metaaccess_devices)
              )
              / (sum without (group, status, severity) (metaaccess_devices) > 0)
            |||,
          },
          {
            record: 'account:metaaccess_devices_compliant:ratio',
            expr: |||
              (
                  sum without (group, status, severity) (metaaccess_devices{status="compliant"})
                or
                  0 * sum without (group, status, severity) (metaaccess_devices)
              )
              / (sum without (group, status, severity) (metaaccess_devices) > 0)
            |||,
          },
          {
            record: 'account:metaaccess_devices_with_critical_issues:sum',
            expr: 'sum without (group) (metaaccess_devices_with_critical_issues)',
          },
          // Seconds between now and the instant up to which the model holds every change.
          // A watermark of 0 means "no completed sync yet" and is left out rather than reported as
          // fifty years behind.
          {
            record: 'account:metaaccess_sync_watermark:age_seconds',
            expr: 'time() - (metaaccess_sync_watermark_timestamp_seconds > 0)',
          },
          {
            record: 'account_endpoint_code:metaaccess_api_requests:rate5m',
            expr: 'rate(metaaccess_api_requests_total[5m])',
          },
          {
            record: 'account:metaaccess_api_throttled:rate5m',
            expr: 'rate(metaaccess_api_throttled_total[5m])',
          },
          // Share of the per-minute API budget spent in the last 60 seconds (1 = at the limit).
          {
            record: 'account:metaaccess_budget_used:ratio',
            expr: 'metaaccess_budget_used / (metaaccess_budget_limit > 0)',
          },
        ],
      },
    ],
  },
}
