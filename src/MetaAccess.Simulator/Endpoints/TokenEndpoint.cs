using System.Text.Json;
using MetaAccess.Simulator.Hosting;
using MetaAccess.Simulator.Json;
using Microsoft.AspNetCore.Http;

namespace MetaAccess.Simulator.Endpoints;

/// <summary><c>/o/oauth/token</c>: the client-credentials grant, as a form POST or (like some clients) a GET query.</summary>
internal static class TokenEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        ApiPipeline.RunAsync(context, IdentifyAsync, AnswerAsync);

    // There is no token yet to charge, so token requests are charged to the client_id they name.
    private static async Task<Caller> IdentifyAsync(HttpContext context, SimulatorState state)
    {
        var credentials = await ReadAsync(context);
        return new Caller(state.TokenLimiter, credentials.GetValueOrDefault("client_id") ?? "");
    }

    private static async Task<ApiAnswer> AnswerAsync(HttpContext context, SimulatorState state)
    {
        var credentials = await ReadAsync(context);
        if (credentials.GetValueOrDefault("grant_type") != "client_credentials")
        {
            return ApiAnswer.Error(400, "unsupported_grant_type", "Only client_credentials is supported.");
        }

        if (!state.Tokens.CredentialsMatch(credentials.GetValueOrDefault("client_id"), credentials.GetValueOrDefault("client_secret")))
        {
            return ApiAnswer.Error(401, "invalid_client", "Client authentication failed.");
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
