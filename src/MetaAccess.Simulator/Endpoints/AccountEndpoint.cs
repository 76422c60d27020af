using MetaAccess.Simulator.Hosting;
using MetaAccess.Simulator.Json;
using Microsoft.AspNetCore.Http;

namespace MetaAccess.Simulator.Endpoints;

/// <summary><c>GET /o/api/v3.1/account</c>: the account's name, licence and the vendor's totals of its devices.</summary>
internal static class AccountEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        ApiPipeline.RunAsync(context, ApiAuthentication.ByHeaderOrQueryToken, Answer);

    private static Task<ApiAnswer> Answer(HttpContext context, SimulatorState state)
    {
        var options = state.Options;
        var body = AccountJson.Write(
            options.AccountName, options.LicensedDevices, state.Fleet.Snapshot(), state.Faults.AccountCountOffset, options.Seed);
        return Task.FromResult(ApiAnswer.Json(200, body));
    }
}
