using System.Globalization;
using System.Net;
using System.Text;
using MetaAccessExporter.Account;
using MetaAccessExporter.Api;
using MetaAccessExporter.Budget;
using MetaAccessExporter.Enrichment;
using MetaAccessExporter.Inventory;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Model;
using MetaAccessExporter.Sync;

namespace MetaAccessExporter.Hosting;

/// <summary>The small HTML page at <c>/</c>: what the exporter is doing, for a person with a browser. No secrets on it.</summary>
public sealed class LandingPage(
    SyncHealth sync,
    DeviceModel model,
    Completeness completeness,
    InventoryHealth inventory,
    AccountHealth account,
    RateBudget budget,
    IEnrichmentProgressSource enrichment,
    MetaAccessOptions options,
    TimeProvider time,
    DemoBanner demo)
{
    public string Render()
    {
        var s = sync.Current;
        var checkpoint = completeness.Current;
        var now = time.GetUtcNow();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MetaAccess Exporter</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}td{padding:.2em 1em .2em 0}</style></head><body>")
            .Append("<h1>MetaAccess Exporter</h1>");
        if (demo.Text is { } banner)
            html.Append("<p><strong>").Append(Encode(banner)).Append("</strong></p>");
        html.Append("<table>");
        Row(html, "Account", options.Account);
        Row(html, "API", UrlRedactor.Redact(options.BaseUrl));
        Row(html, "Devices in the model", model.Count.ToString(CultureInfo.InvariantCulture));
        Row(html, "Sync", s.Up ? "up"
            : checkpoint is not null ? "down (serving the last known model)"
            : "not ready: no completed sync yet");
        Row(html, "Last poll", s.LastPollStarted is { } started ? $"{Ago(now - started)} ago" : "none yet");
        Row(html, "Last successful sync", s.LastSuccessfulSync is { } ok ? $"{ok:u} ({Ago(now - ok)} ago)" : "none yet");
        Row(html, "Watermark", checkpoint is not null ? $"{checkpoint.Watermark:u}" : "none");
        Row(html, "Sync gap", checkpoint is { Gap: false } ? "no" : "yes: changes may be missing until an inventory pass completes");
        if (s.LastError is { } error)
            Row(html, "Last error", error);
        var list = inventory.Current;
        Row(html, "Inventory pass", list.PassStarted is { } began
            ? $"under way since {began:u}: {list.PassListed} devices listed"
            : "none under way");
        Row(html, "Last complete pass", list.LastPassCompleted is { } done
            ? $"{done:u} ({Ago(now - done)} ago): {list.LastPassListed} devices in {Ago(list.LastPassDuration ?? TimeSpan.Zero)}"
            : "none yet");
        if (list.LastError is { } listError)
            Row(html, "Last inventory error", listError);
        Row(html, "API budget", $"{budget.Used} of {budget.Limit} requests used in the last minute, poll every {options.PollInterval}");
        Row(html, "Server's word", budget.Server is { Remaining: { } left, HeardAt: { } heard } server
            ? $"{left} of {server.Limit?.ToString(CultureInfo.InvariantCulture) ?? "?"} calls left for the account "
                + $"(every client counted) {Ago(now - heard)} ago, resetting at {server.ResetAt:u}"
            : "no answer has carried rate-limit headers yet: one call at a time");
        Row(html, "Calls by consumer", string.Join(", ", budget.Usage.Select(u =>
            $"{u.Consumer.Label()} {u.Calls} (waited {Ago(u.Waited)})")));
        if (budget.PausedUntil > now)
            Row(html, "Throttled", $"paused until {budget.PausedUntil:u}");
        var details = account.Current;
        Row(html, "Account details", details.Latest is { } reading
            ? $"read {Ago(now - reading.ReadAt)} ago: licence {Count(reading.DevicesUsed)} of {Count(reading.DevicesAllowed)} "
                + $"devices used; the vendor counts {reading.VendorDevices} devices, the model held {reading.ModelDevices} "
                + $"(drift {reading.Drift:+0;-0;0})"
            : "not read yet");
        if (details.LastError is { } accountError)
            Row(html, "Last account error", accountError);
        if (enrichment.Current is { } e)
            Row(html, "Device details", $"{e.CoverageRatio:P0} fresh, {e.Pending} waiting, oldest {Ago(e.OldestAge)}");
        Row(html, "Version", $"{BuildInfo.Current.Version} ({BuildInfo.Current.Revision})");
        html.Append("</table><ul>")
            .Append("<li><a href=\"metrics\">/metrics</a>: fleet aggregates, exporter health, process and runtime</li>")
            .Append("<li><a href=\"metrics/devices\">/metrics/devices</a>: per-device series</li>")
            .Append("<li><a href=\"metrics/telemetry\">/metrics/telemetry</a>: the exporter's HTTP server, its API calls ")
            .Append("and its runtime, as OpenTelemetry records them</li>")
            .Append("<li><a href=\"healthz\">/healthz</a> and <a href=\"readyz\">/readyz</a></li>")
            .Append("</ul></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(Encode(name)).Append("</td><td>").Append(Encode(UrlRedactor.Redact(value))).Append("</td></tr>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string Ago(TimeSpan span) =>
        span.TotalSeconds < 120 ? $"{span.TotalSeconds:0} s"
        : span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} min"
        : $"{span.TotalHours:0.#} h";
}

/// <summary>Set in demo mode, so the page says plainly that no real account is read.</summary>
public sealed record DemoBanner(string? Text);
