using MetaAccess.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>
/// How each endpoint finds its caller's token. A refusal here comes before the rate-limit window: a front end cannot
/// charge a call it cannot tie to the account, so 401s never spend the budget.
/// </summary>
internal static class ApiAuthentication
{
    private const string TokenName = "access_token";

    /// <summary>The device endpoints: a valid <c>access_token</c> query parameter, as their pages document.</summary>
    public static Task<ApiAnswer?> ByQueryToken(HttpContext context, SimulatorState state) =>
        Task.FromResult(Check(state, context.Request.Query[TokenName]));

    /// <summary>
    /// Account details: its page documents the token as an <c>access_token</c> header while its example puts it in the
    /// query, so both are accepted; the header wins when both are sent.
    /// </summary>
    public static Task<ApiAnswer?> ByHeaderOrQueryToken(HttpContext context, SimulatorState state)
    {
        string? header = context.Request.Headers[TokenName];
        return Task.FromResult(Check(state, string.IsNullOrEmpty(header) ? context.Request.Query[TokenName] : header));
    }

    private static ApiAnswer? Check(SimulatorState state, string? token) =>
        state.Tokens.IsValid(token) ? null : ApiAnswer.Error(401, "invalid_token", "Your access_token is invalid or expired.");
}
