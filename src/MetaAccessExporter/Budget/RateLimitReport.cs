namespace MetaAccessExporter.Budget;

/// <summary>
/// What one answer's rate-limit headers said: the account's limit, the calls left in the server's
/// current period (after this one), and when that period ends.
/// </summary>
public sealed record RateLimitReport(int? Limit, int Remaining, DateTimeOffset ResetAt);
