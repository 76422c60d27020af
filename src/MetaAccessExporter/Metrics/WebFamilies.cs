using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.WebConfig;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// The web configuration on <c>/metrics</c>, with <c>--web.config.file</c> only: refused logins, reloads, certificate expiry.
/// </summary>
public static class WebFamilies
{
    public static readonly IReadOnlyList<MetricFamily<WebAccessStats>> Table =
    [
        new("metaaccess_web_auth_failures_total",
            "Requests refused for their credentials (no_credentials includes a browser's first request; too_many_attempts: "
            + "refused unchecked while bcrypt is busy) and TLS client certificates refused (client_certificate).",
            MetricType.Counter,
            (w, s) =>
            {
                foreach (var reason in LoginFailures.All)
                    s.Add(w.Failures(reason), new Label("reason", reason.Label()));
            },
            AccountWide: false),
        new("metaaccess_web_config_reloads_total",
            "Changes to the web configuration (or a file it names) applied (success) or refused, keeping the previous one (failure).",
            MetricType.Counter,
            (w, s) =>
            {
                s.Add(w.Reloads, new Label("result", "success"));
                s.Add(w.RejectedReloads, new Label("result", "failure"));
            },
            AccountWide: false),
        new("metaaccess_web_config_last_reload_successful", "1 if the latest change to the web configuration was applied, else 0.",
            MetricType.Gauge,
            (w, s) => { if (w.Current is { } r) s.Add(r.LastReloadSuccessful ? 1 : 0); },
            AccountWide: false),
        new("metaaccess_web_config_last_reload_success_timestamp_seconds",
            "When the web configuration in force was read (Unix seconds).", MetricType.Gauge,
            (w, s) => { if (w.Current is { } r) s.Add(r.LastSuccess.ToUnixTimeMilliseconds() / 1000.0); },
            AccountWide: false),
        new("metaaccess_web_tls_certificate_expiry_timestamp_seconds",
            "When the served TLS certificate expires (Unix seconds); absent without TLS.", MetricType.Gauge,
            (w, s) => { if (w.Current?.CertificateNotAfter is { } t) s.Add(t.ToUnixTimeSeconds()); },
            AccountWide: false),
    ];
}
