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
            expr: 'sum by (account) (increase(metaaccess_api_throttled_total[15m])) > %s' % t.number(c.apiThrottledThreshold),
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
          // One 401 per token lifetime is normal (a token without expires_in is renewed on 401);
          // more than two in 15 minutes, or token requests that keep failing, are not.
          {
            alert: 'MetaAccessAuthFailing',
            expr: |||
              sum by (account) (
                  increase(metaaccess_api_requests_total{code="401"}[15m])
                or
                  increase(metaaccess_api_requests_total{endpoint="token", code!~"2..|401|429"}[15m])
              ) > %s
            ||| % t.number(c.authFailuresThreshold),
            'for': c.authFailingFor,
            labels: { severity: 'critical', component: 'api' },
            annotations: {
              summary: 'MetaAccess authentication of account {{ $labels.account }} is failing',
              description: t.prose(|||
                {{ printf "%.0f" $value }} API calls of account {{ $labels.account }} were refused with 401, or token requests failed,
                in the last 15 minutes. The access token or the OAuth client credentials are wrong, expired or revoked.
              |||),
            },
          },
        ],
      },
    ],
  },
}
