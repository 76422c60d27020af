using System.Text.Json;
using MetaAccessExporter.Api.Dto;

namespace MetaAccessExporter.Api.Http;

/// <summary>
/// Writes the delta feed's <c>age</c> into the request body as the request leaves. The API measures <c>age</c> back from
/// when the request arrives, so an age computed by the caller is too short by every wait in between (a budget slot, a
/// token renewal) and the window's first seconds go unread. This handler sits inside the budget and token handlers,
/// just before the recorder, so it runs after those waits, and again for the one retry after a 401.
/// The caller passes the window's start in <see cref="HttpRequestMessage.Options"/> (<see cref="WindowStartKey"/>).
/// </summary>
internal sealed class RequestAgeHandler(TimeProvider time) : DelegatingHandler
{
    public const string WindowStartKey = "MetaAccess.WindowStart";

    private static readonly HttpRequestOptionsKey<DateTimeOffset> WindowStart = new(WindowStartKey);

    /// <summary>
    /// Seconds from <paramref name="windowStart"/> to <paramref name="now"/>, rounded up so the start is always covered, within what
    /// the API accepts.
    /// </summary>
    public static int AgeSeconds(DateTimeOffset windowStart, DateTimeOffset now) =>
        (int)Math.Clamp(Math.Ceiling((now - windowStart).TotalSeconds), 0, StatusChangedClient.MaxAgeSeconds);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(WindowStart, out var windowStart) && request.Content is { } content)
        {
            var body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var unstamped = JsonSerializer.Deserialize(body, MetaAccessJson.Default.StatusChangedRequest)
                ?? throw new InvalidOperationException("The status_changed request has no body to stamp.");
            var stamped = unstamped with { Age = AgeSeconds(windowStart, time.GetUtcNow()) };
            var json = JsonSerializer.SerializeToUtf8Bytes(stamped, MetaAccessJson.Default.StatusChangedRequest);
            request.Content = new ByteArrayContent(json) { Headers = { ContentType = content.Headers.ContentType } };
            content.Dispose();
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
