using MetaAccess.Simulator.Hosting;
using MetaAccess.Simulator.Json;
using Microsoft.AspNetCore.Http;

namespace MetaAccess.Simulator.Endpoints;

/// <summary><c>GET /o/api/v2.1/devices/{value}?opt=0|1</c>: details by hardware id (0) or MAC address (1).</summary>
internal static class DeviceDetailsEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        ApiPipeline.RunAsync(context, ApiAuthentication.ByQueryToken, Answer);

    private static Task<ApiAnswer> Answer(HttpContext context, SimulatorState state)
    {
        var value = context.Request.RouteValues["value"] as string ?? "";
        var device = context.Request.Query["opt"] == "1" ? state.Fleet.FindByMac(value) : state.Fleet.Find(value);
        return Task.FromResult(device is null
            ? ApiAnswer.Error(404, "not_found", "Device not found.")
            : ApiAnswer.Json(200, DeviceDetailsJson.Write(device, state.Time.GetUtcNow())));
    }
}
