using MetaAccessExporter.TestSupport.Pages;
using WireMock;
using WireMock.ResponseBuilders;

namespace MetaAccessExporter.TestSupport.Faults;

/// <summary>
/// One way the MetaAccess API answers badly, and how the exporter counts it:
/// <c>metaaccess_api_requests_total{code=<see cref="Code"/>}</c>, plus
/// <c>metaaccess_api_invalid_responses_total</c> when <see cref="Invalid"/>.
/// </summary>
public sealed record ApiFault(string Name, string Code, bool Invalid)
{
    /// <summary>No answer comes until the test releases it: only the request timeout ends the call.</summary>
    public bool Stalls => Code == "timeout";

    public override string ToString() => Name;
}

/// <summary>Every fault answer the tests throw at the exporter, written once so that every test means the same by "a 503".</summary>
public static class FaultCatalog
{
    /// <summary>Devices in the oversized page: more than any allowed <c>MetaAccess:PageSize</c> (at most 50) asks for.</summary>
    public const int OversizedPageDevices = 500;

    public static ApiFault Timeout { get; } = new("timeout", "timeout", Invalid: false);

    public static ApiFault ServerError { get; } = new("500", "500", Invalid: false);

    public static ApiFault Unavailable { get; } = new("503", "503", Invalid: false);

    public static ApiFault Throttled { get; } = new("429 without Retry-After", "429", Invalid: false);

    public static ApiFault Unauthorized { get; } = new("401", "401", Invalid: false);

    public static ApiFault Html { get; } = new("html instead of JSON", "200", Invalid: true);

    public static ApiFault Truncated { get; } = new("truncated JSON", "200", Invalid: true);

    public static ApiFault Oversized { get; } = new("page far larger than asked for", "200", Invalid: true);

    public static IReadOnlyList<ApiFault> All { get; } =
        [Timeout, ServerError, Unavailable, Throttled, Unauthorized, Html, Truncated, Oversized];

    /// <summary>The names, for a theory's data (a name shows in test results and survives discovery).</summary>
    public static IEnumerable<string> Names => All.Select(f => f.Name);

    public static ApiFault Named(string name) =>
        All.SingleOrDefault(f => f.Name == name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "not in the fault catalogue");

    /// <summary>
    /// The API's answer for <paramref name="fault"/>, for a WireMock mapping. A stalled answer (<see cref="ApiFault.Stalls"/>)
    /// is held until <paramref name="release"/> is cancelled, which the test does when it ends so its server can stop;
    /// until then the request is answered by nothing but the exporter's own timeout.
    /// </summary>
    public static IResponseBuilder Answer(ApiFault fault, CancellationToken release = default)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var response = Response.Create();
        if (fault == Timeout)
        {
            if (!release.CanBeCanceled)
                throw new ArgumentException("A stalled answer needs a release, or the server could never stop.", nameof(release));
            return response.WithCallback(_ => StallAsync(release));
        }
        if (fault == ServerError)
            return response.WithStatusCode(500).WithBody("internal error");
        if (fault == Unavailable)
            return response.WithStatusCode(503);
        if (fault == Throttled)
            return response.WithStatusCode(429).WithBody("""{"error":"rate_limited"}""");
        if (fault == Unauthorized)
            return response.WithStatusCode(401).WithBody("""{"error":"invalid_token"}""");
        if (fault == Html)
            return response.WithHeader("Content-Type", "text/html").WithBody("<html><body>502 Bad Gateway</body></html>");
        if (fault == Truncated)
        {
            var page = PageJson.OfIds("A", "B", "C");
            return response.WithHeader("Content-Type", "application/json").WithBody(page[..(page.Length / 2)]);
        }
        if (fault == Oversized)
            return response.WithBody(PageJson.OfIds(Enumerable.Range(0, OversizedPageDevices).Select(i => $"X{i}").ToArray()));
        throw new ArgumentOutOfRangeException(nameof(fault), fault, "not in the fault catalogue");
    }

    private static async Task<IResponseMessage> StallAsync(CancellationToken release)
    {
        try
        {
            await Task.Delay(System.Threading.Timeout.Infinite, release).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        return new ResponseMessage { StatusCode = 200 };
    }
}
