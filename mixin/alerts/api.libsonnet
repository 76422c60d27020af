local t = import '../lib/text.libsonnet';

{
  prometheusAlerts+:: {
    local c = $._config,
    groups+: [
      {
        name: 'metaaccess.api',
        rules: [
          // The exporter never exceeds its configured budget, so repeated 429s mean the real limit is
          // lower than MetaAccess:RequestsPerMinute or someone else spends the same account's budget.
          {
            alert: 'MetaAccessApiThrottled',
            expr: 'increase(metaaccess_api_throttled_total[15m]) > %s' % t.number(c.apiThrottledThreshold),
            'for': c.apiThrottledFor,
            labels: { severity: 'warning', component: 'api' },
            annotations: {
              summary: 'MetaAccess API keeps throttling account {{ $labels.account }}',
              description: t.prose(|||
                The MetaAccess API answered "rate limit hit" {{ printf "%%.0f" $value }} times in the last 15 minutes for account
                {{ $labels.account }}, continuously for %s. Every throttled answer pauses the exporter's budget, so syncs slow down.
              ||| % t.words(c.apiThrottledFor)),
            },
          },
          // Only answers that refuse the credentials: 401 from any endpoint, 400 from the token
          // endpoint (OAuth's invalid_client / invalid_grant). `error`, `timeout` and 5xx are the
          // network or the vendor, not the credentials: MetaAccessSyncFailing covers them, and this
          // alert must not inhibit it for them. One 401 per token lifetime is normal (a token
          // without expires_in is renewed on 401).
          {
            alert: 'MetaAccessAuthFailing',
            expr: |||
              sum without (endpoint, code) (
                  increase(metaaccess_api_requests_total{code="401"}[15m])
                or
                  increase(metaaccess_api_requests_total{endpoint="token", code="400"}[15m])
              ) > %s
            ||| % t.number(c.authFailuresThreshold),
            'for': c.authFailingFor,
            labels: { severity: 'critical', component: 'api' },
            annotations: {
              summary: 'MetaAccess credentials of account {{ $labels.account }} are refused',
              description: t.prose(|||
                {{ printf "%.0f" $value }} API calls of account {{ $labels.account }} were refused with 401, or token requests with 400,
                in the last 15 minutes. The access token or the OAuth client credentials are wrong, expired or revoked.
              |||),
            },
          },
          // The server's X-RateLimit-Remaining counts every client of the account. The exporter waits
          // rather than meet 429s, so when others spend the limit it slows down without a throttled
          // answer: MetaAccessApiThrottled stays quiet, this one does not.
          {
            alert: 'MetaAccessRateLimitTakenByOthers',
            expr: |||
              (
                  1
                - (
                      avg_over_time(metaaccess_budget_server_remaining[15m])
                    + avg_over_time(metaaccess_budget_used[15m])
                  )
                  / (metaaccess_budget_server_limit > 0)
              ) > %(others)s
              and
              avg_over_time(metaaccess_budget_server_remaining[15m]) < %(headroom)s * metaaccess_budget_server_limit
            ||| % { others: t.number(c.rateLimitOthersShare), headroom: t.number(c.rateLimitHeadroomShare) },
            'for': c.rateLimitTakenFor,
            labels: { severity: 'warning', component: 'api' },
            annotations: {
              summary: "Other clients spend {{ $value | humanizePercentage }} of account {{ $labels.account }}'s API rate limit",
              description: t.prose(|||
                Over the last 15 minutes other clients of account {{ $labels.account }} spent about {{ $value | humanizePercentage }}
                of the server's rate limit, leaving the exporter on {{ $labels.instance }} less than %s of it, for %s.
                Polls wait for a slot: the watermark ages, inventory passes and device details slow down.
              ||| % [t.percent(c.rateLimitHeadroomShare), t.words(c.rateLimitTakenFor)]),
            },
          },
        ],
      },
    ],
  },
}
