// prometheusRules: the recording rules.
//
// They precompute the per-account expressions that both the alert rules and the dashboards would
// otherwise repeat on every evaluation and every refresh. Naming follows the Prometheus convention
// level:metric:operations; "level" is always the account.
//
// One exporter serves one account (two exporters of the same account would share, and overrun, the
// account's API budget), so `sum by (account)` adds the groups of one exporter and never counts a
// device twice.
{
  prometheusRules+:: {
    groups+: [
      {
        name: 'metaaccess.recording',
        rules: [
          {
            record: 'metaaccess:devices:sum',
            expr: 'sum by (account) (metaaccess_devices)',
          },
          {
            record: 'metaaccess:devices:sum_by_status',
            expr: 'sum by (account, status) (metaaccess_devices)',
          },
          // Devices whose status is not `compliant`, `exempted` or `pending` (compliance not evaluated
          // yet), as a share of all devices. Status is an open set (API.md): anything new, and
          // `unknown`, counts as not compliant.
          // The `or ... * 0` keeps the ratio at 0 (instead of absent) when every device is compliant.
          {
            record: 'metaaccess:devices_noncompliant:ratio',
            expr: |||
              (
                  sum by (account) (metaaccess_devices{status!~"compliant|exempted|pending"})
                or
                  0 * sum by (account) (metaaccess_devices)
              )
              / (sum by (account) (metaaccess_devices) > 0)
            |||,
          },
          {
            record: 'metaaccess:devices_compliant:ratio',
            expr: |||
              (
                  sum by (account) (metaaccess_devices{status="compliant"})
                or
                  0 * sum by (account) (metaaccess_devices)
              )
              / (sum by (account) (metaaccess_devices) > 0)
            |||,
          },
          {
            record: 'metaaccess:devices_with_critical_issues:sum',
            expr: 'sum by (account) (metaaccess_devices_with_critical_issues)',
          },
          // Seconds between now and the instant up to which the model holds every change.
          // A watermark of 0 means "no completed sync yet" and is left out rather than reported as
          // fifty years behind.
          {
            record: 'metaaccess:sync_watermark_age_seconds',
            expr: 'time() - max by (account) (metaaccess_sync_watermark_timestamp_seconds > 0)',
          },
          {
            record: 'metaaccess:api_requests:rate5m',
            expr: 'sum by (account, endpoint, code) (rate(metaaccess_api_requests_total[5m]))',
          },
          {
            record: 'metaaccess:api_throttled:rate5m',
            expr: 'sum by (account) (rate(metaaccess_api_throttled_total[5m]))',
          },
          // Share of the per-minute API budget spent in the last 60 seconds (1 = at the limit).
          {
            record: 'metaaccess:budget_used:ratio',
            expr: |||
              sum by (account) (metaaccess_budget_used)
              / (max by (account) (metaaccess_budget_limit) > 0)
            |||,
          },
        ],
      },
    ],
  },
}
