using System.Text.Json;
using MetaAccess.Simulator.Hosting;
using MetaAccess.Simulator.Json;
using Microsoft.AspNetCore.Http;

namespace MetaAccess.Simulator.Endpoints;

/// <summary><c>/o/oauth/token</c>: the client-credentials grant, as a form POST or (like some clients) a GET query.</summary>
internal static class TokenEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        ApiPipeline.RunAsync(context, AuthenticateAsync, AnswerAsync);

    // Credentials are checked before the rate limit, like a token on the other endpoints: a caller that cannot be tied
    // to the account cannot be charged to it. Valid token requests spend the account's budget like any other call.
    private static async Task<ApiAnswer?> AuthenticateAsync(HttpContext context, SimulatorState state)
    {
        var credentials = await ReadAsync(context);
        return state.Tokens.CredentialsMatch(credentials.GetValueOrDefault("client_id"), credentials.GetValueOrDefault("client_secret"))
            ? null
            : ApiAnswer.Error(401, "invalid_client", "Client authentication failed.");
    }

    private static async Task<ApiAnswer> AnswerAsync(HttpContext context, SimulatorState state)
    {
        var credentials = await ReadAsync(context);
        if (credentials.GetValueOrDefault("grant_type") != "client_credentials")
        {
            return ApiAnswer.Error(400, "unsupported_grant_type", "Only client_credentials is supported.");
        }

        var (token, lifetime) = state.Tokens.Issue();
        return ApiAnswer.Json(200, ApiJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("token_type", "bearer");
            w.WriteNumber("expires_in", (long)lifetime.TotalSeconds);
            w.WriteEndObject();
        }));
    }

    private static async Task<Dictionary<string, string?>> ReadAsync(HttpContext context)
    {
        var values = context.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted); // cached after the first read
            foreach (var field in form)
            {
                values[field.Key] = field.Value.ToString();
            }
        }

        return values;
    }
}
