using MetaAccess.Simulator.Hosting;
using MetaAccess.Simulator.Json;
using Microsoft.AspNetCore.Http;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>
/// <c>POST /o/api/v3.7/devices</c>: the whole inventory, a cursor page at a time, in enrolment order. A full
/// page always carries a cursor, even when nothing follows it: the call after it is an empty page.
/// </summary>
internal static class InventoryEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        ApiPipeline.RunAsync(context, ApiAuthentication.ByQueryToken, AnswerAsync);

    private static async Task<ApiAnswer> AnswerAsync(HttpContext context, SimulatorState state)
    {
        using var reader = new StreamReader(context.Request.Body);
        var request = InventoryRequest.Parse(await reader.ReadToEndAsync(context.RequestAborted));
        if (request is null)
        {
            return ApiAnswer.Error(400, "invalid_request", "The body must be a JSON object with a string token and an integer limit.");
        }

        if (request.Limit is < 1 or > 50)
        {
            return ApiAnswer.Error(406, "invalid_limit", "limit must be in [1,50].");
        }

        if (!InventoryCursor.TryDecode(request.Token, out var after))
        {
            return ApiAnswer.Error(400, "invalid_cursor", "token is not a cursor this API issued.");
        }

        var page = state.Fleet.InventoryAfter(after, (int)request.Limit);
        var next = page.Count == request.Limit ? InventoryCursor.Encode(page[^1].Position) : null;
        return ApiAnswer.Json(200, InventoryJson.Page(page.Select(e => e.Device), next, state.Options.InventoryEnd, state.Malformed));
    }
}
