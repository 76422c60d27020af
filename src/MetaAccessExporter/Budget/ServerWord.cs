namespace MetaAccessExporter.Budget;

/// <summary>
/// The server's last word on the account's budget, less what the exporter sent since. Other clients
/// of the account spend the same budget, so only the server knows what is left:
/// <list type="bullet">
/// <item>while its word holds (until its reset time) no more calls are sent than it allows;</item>
/// <item>before the first answer, and once a word has run out, one call at a time is sent, and its
/// answer brings a new word: a start right after other clients spent the minute costs no 429;</item>
/// <item>a server whose answers carry no rate-limit headers leaves the exporter's own window in charge.</item>
/// </list>
/// Used under the budget's lock.
/// </summary>
internal sealed class ServerWord
{
    private bool? _sendsHeaders;

    public int? Limit { get; private set; }

    /// <summary>Calls left as the last answer reported them.</summary>
    public int? Reported { get; private set; }

    /// <summary>Calls the budget may still send before <see cref="ResetAt"/>.</summary>
    public int Remaining { get; private set; }

    public DateTimeOffset ResetAt { get; private set; }

    public DateTimeOffset? HeardAt { get; private set; }

    /// <summary>Null until an answer came: whether answers carry the headers.</summary>
    public bool? SendsHeaders => _sendsHeaders;

    public bool Holds(DateTimeOffset now) => HeardAt is not null && now < ResetAt;

    /// <summary>Whether one more call may go now, with <paramref name="inFlight"/> calls not yet answered.</summary>
    public bool Allows(DateTimeOffset now, int inFlight) =>
        Holds(now) ? Remaining > 0 : _sendsHeaders == false || inFlight == 0;

    /// <summary>
    /// A new word. Calls still in flight may or may not have been counted by the server when it
    /// answered, so they are taken off what it said is left: the error is always towards fewer calls.
    /// </summary>
    public void Heard(RateLimitReport report, DateTimeOffset now, int othersInFlight)
    {
        _sendsHeaders = true;
        Limit = report.Limit ?? Limit;
        Reported = report.Remaining;
        Remaining = Math.Max(0, report.Remaining - othersInFlight);
        ResetAt = report.ResetAt;
        HeardAt = now;
    }

    /// <summary>An answer without the headers: unless a word still holds, the exporter's own window decides.</summary>
    public void HeardNothing(DateTimeOffset now)
    {
        if (!Holds(now))
            _sendsHeaders = false;
    }

    /// <summary>What a restart remembers of the server: whether it sends the headers at all.</summary>
    public void Remember(bool? sendsHeaders) => _sendsHeaders = sendsHeaders;

    public void Spend()
    {
        if (Remaining > 0)
            Remaining--;
    }

    public ServerView View() => new(Limit, Reported, HeardAt is null ? null : ResetAt, HeardAt);
}

/// <summary>The server's last word, for metrics and <c>/</c>: all null until an answer carried the headers.</summary>
public readonly record struct ServerView(int? Limit, int? Remaining, DateTimeOffset? ResetAt, DateTimeOffset? HeardAt);
