using MetaAccess.Simulator.Hosting;
using MetaAccess.Simulator.Json;
using Microsoft.AspNetCore.Http;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>
/// <c>POST /o/api/v3/devices/status_changed</c>: one page of the devices changed or deleted in the last
/// <c>age</c> seconds, computed from the fleet as it is at this request.
/// </summary>
internal static class StatusChangedEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        ApiPipeline.RunAsync(context, ApiAuthentication.ByQueryToken, AnswerAsync);

    private static async Task<ApiAnswer> AnswerAsync(HttpContext context, SimulatorState state)
    {
        using var reader = new StreamReader(context.Request.Body);
        var request = StatusChangedRequest.Parse(await reader.ReadToEndAsync(context.RequestAborted));
        if (request is null)
        {
            return ApiAnswer.Error(400, "invalid_request", "The body must be a JSON object of integers.");
        }

        if (request.Age is < 0 or > 86400)
        {
            return ApiAnswer.Error(400, "invalid_age", "age must be from 0 to 86400.");
        }

        // 406, not 400: the documented behaviour since the 04/10/2018 fix.
        if (request.Limit is < 1 or > 50)
        {
            return ApiAnswer.Error(406, "invalid_limit", "limit must be in [1,50].");
        }

        if (request.Page < 1)
        {
            return ApiAnswer.Error(400, "invalid_page", "page must be 1 or more.");
        }

        var (_, entries) = state.Fleet.Window(TimeSpan.FromSeconds(request.Age));
        var pages = Math.Max(1, (entries.Count + request.Limit - 1) / request.Limit);
        if (request.Page > pages)
        {
            return ApiAnswer.Error(413, "page_too_large", "The requested page exceeds the number of pages.");
        }

        var page = entries.Skip((int)((request.Page - 1) * request.Limit)).Take((int)request.Limit);
        return ApiAnswer.Json(200, StatusChangedJson.Page(page, request.Verbose != 0, state.Malformed));
    }
}
