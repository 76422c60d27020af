using MetaAccessExporter.Api;
using MetaAccessExporter.Api.Http;

namespace MetaAccessExporter.Sync;

/// <summary>
/// The instant a poll cycle reads changes from. It is fixed for the whole cycle while the API's
/// <c>age</c> is relative to each request's "now", so every page asks for <c>now - Start</c>.
/// </summary>
public readonly record struct DeltaWindow(DateTimeOffset Start)
{
    public static readonly TimeSpan ApiReach = TimeSpan.FromSeconds(StatusChangedClient.MaxAgeSeconds);

    /// <summary>
    /// The window after a cycle that started at <paramref name="cycleStart"/>: from a little before it,
    /// so changes made during that cycle's walk are caught.
    /// </summary>
    public static DeltaWindow After(DateTimeOffset cycleStart, TimeSpan overlap) => new(cycleStart - overlap);

    /// <summary>The window reaches back further than the API remembers: changes in between are lost.</summary>
    public bool ExceedsApiReach(DateTimeOffset now) => now - Start > ApiReach;

    /// <summary>The <c>age</c> a request sent at <paramref name="now"/> asks for (the handler chain stamps it as it leaves).</summary>
    public int AgeSecondsAt(DateTimeOffset now) => RequestAgeHandler.AgeSeconds(Start, now);
}
