namespace MetaAccessExporter.Budget;

/// <summary>
/// How the budget serves one consumer.
/// </summary>
/// <param name="Rank">Waiters are served lowest rank first, first come first served within a rank.</param>
/// <param name="Share">
/// The most of a 60-second window's slots the consumer may hold, as a share of the limit: at least one
/// slot unless the share is 0, which keeps the consumer out altogether.
/// </param>
/// <param name="MayTakeLastSlot">
/// Whether it may take the window's last free slot (or the server's last remaining call). Only the
/// consumers that keep the model current may, so they never wait behind the others for more than one call.
/// </param>
/// <param name="Patience">
/// How long it waits in its rank before it is served next whatever its rank, last slot included:
/// a consumer that must be served within its interval cannot be starved by busier ones.
/// </param>
/// <param name="Why">One line saying why, for whoever reads the table (docs/decisions.md copies it).</param>
public sealed record ConsumerRule(
    BudgetConsumer Consumer, int Rank, double Share, bool MayTakeLastSlot, TimeSpan? Patience, string Why)
{
    /// <summary>The most slots of one window this consumer may hold under <paramref name="limit"/>.</summary>
    public int SlotsUnder(int limit) =>
        Share <= 0 ? 0 : Math.Clamp((int)Math.Floor(limit * Share), 1, limit);
}
