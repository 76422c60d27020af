using MetaAccess.Simulator.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace MetaAccess.Simulator;

public static class SimulatorEndpoints
{
    /// <summary>Maps the simulated MetaAccess API and the <c>/simulator/</c> admin endpoints.</summary>
    /// <remarks>Needs <see cref="SimulatorServiceCollectionExtensions.AddMetaAccessSimulator"/> on the services.</remarks>
    public static IEndpointRouteBuilder MapMetaAccessSimulator(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods("/o/oauth/token", ["POST", "GET"], TokenEndpoint.HandleAsync);
        app.MapPost("/o/api/v3/devices/status_changed", StatusChangedEndpoint.HandleAsync);
        app.MapGet("/o/api/v2.1/devices/{value}", DeviceDetailsEndpoint.HandleAsync);
        app.MapPost("/o/api/v3.7/devices", InventoryEndpoint.HandleAsync);
        app.MapGet("/o/api/v3.1/account", AccountEndpoint.HandleAsync);

        app.MapGet("/simulator/fleet", AdminEndpoints.FleetAsync);
        app.MapPost("/simulator/devices/{id}/status", AdminEndpoints.SetStatusAsync);
        app.MapPost("/simulator/devices/{id}/check-in", AdminEndpoints.CheckInAsync);
        app.MapDelete("/simulator/devices/{id}", AdminEndpoints.DeleteAsync);
        app.MapPost("/simulator/other-client/spend", AdminEndpoints.OtherClientSpendAsync);
        return app;
    }
}
