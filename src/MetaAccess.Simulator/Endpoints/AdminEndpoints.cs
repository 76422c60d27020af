using System.Globalization;
using System.Text.Json;
using MetaAccess.Simulator.Hosting;
using MetaAccess.Simulator.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>
/// <c>/simulator/...</c>: not part of the MetaAccess API. Lets out-of-process tests read the truth and
/// make changes; no token, no rate limit, no faults.
/// </summary>
internal static class AdminEndpoints
{
    // The feed reaches back 24 hours: devices that changed longer ago are visible only through the inventory.
    private static readonly TimeSpan FeedReach = TimeSpan.FromDays(1);

    public static async Task FleetAsync(HttpContext context)
    {
        var state = State(context);
        var devices = state.Fleet.Snapshot();
        var since = state.Time.GetUtcNow() - FeedReach;
        await SendAsync(context, 200, ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("count", devices.Count);
            w.WriteNumber("in_feed_window", devices.Count(d => d.ChangedAt >= since));
            WriteCounts(w, "by_status", devices.GroupBy(d => d.Status));
            WriteCounts(w, "by_severity", devices.GroupBy(d => d.Severity));
            w.WriteStartArray("devices");
            foreach (var device in devices)
            {
                w.WriteStringValue(device.DeviceId);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    public static async Task SetStatusAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        string? status = context.Request.Query["status"];
        string? severity = context.Request.Query["severity"];
        if (string.IsNullOrEmpty(status) || string.IsNullOrEmpty(severity))
        {
            var error = ApiJson.Write(w => ApiJson.WriteError(w, "invalid_request", "status and severity are required."));
            await SendAsync(context, 400, error);
            return;
        }

        var found = State(context).Fleet.TrySetStatus(id, status, severity);
        var body = found ? [] : ApiJson.Write(w => ApiJson.WriteError(w, "not_found", "Device not found."));
        await SendAsync(context, found ? 204 : 404, body);
    }

    public static async Task CheckInAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        await SendAsync(context, State(context).Fleet.TryCheckIn(id) ? 204 : 404, []);
    }

    /// <summary>Deletes a device; <c>?tombstone=false</c> (or 0) leaves the feed without a trace of it.</summary>
    public static async Task DeleteAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        string? tombstone = context.Request.Query["tombstone"];
        await SendAsync(context, State(context).Fleet.Delete(id, tombstone is not ("false" or "0")) ? 204 : 404, []);
    }

    /// <summary>
    /// <c>?calls=N</c>: another client of the account makes N calls now, spending the account's budget;
    /// answers <c>{"admitted": k}</c>, the calls the window let through.
    /// </summary>
    public static async Task OtherClientSpendAsync(HttpContext context)
    {
        if (!int.TryParse(context.Request.Query["calls"], NumberStyles.None, CultureInfo.InvariantCulture, out var calls))
        {
            var error = ApiJson.Write(w => ApiJson.WriteError(w, "invalid_request", "calls must be a whole number, 0 or more."));
            await SendAsync(context, 400, error);
            return;
        }

        var admitted = State(context).OtherClient.Spend(calls);
        await SendAsync(context, 200, ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("admitted", admitted);
            w.WriteEndObject();
        }));
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, IEnumerable<IGrouping<string, SimulatedDevice>> groups)
    {
        w.WriteStartObject(name);
        foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(group.Key, group.Count());
        }

        w.WriteEndObject();
    }

    private static SimulatorState State(HttpContext context) => context.RequestServices.GetRequiredService<SimulatorState>();

    private static async Task SendAsync(HttpContext context, int statusCode, byte[] body)
    {
        context.Response.StatusCode = statusCode;
        if (body.Length > 0)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
