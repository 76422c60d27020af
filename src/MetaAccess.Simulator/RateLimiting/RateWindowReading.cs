namespace MetaAccess.Simulator.RateLimiting;

/// <summary>The account's window as one answer describes it in its <c>X-RateLimit-*</c> headers.</summary>
/// <param name="Limit">Calls allowed in any 60 seconds.</param>
/// <param name="Remaining">Calls left in the window, after the answered call was counted (if it was).</param>
/// <param name="UntilOldestLeaves">
/// Time until the oldest call counted in the window leaves it, i.e. until one more call is allowed; zero when the
/// window is empty.
/// </param>
internal readonly record struct RateWindowReading(int Limit, int Remaining, TimeSpan UntilOldestLeaves)
{
    /// <summary>
    /// <see cref="UntilOldestLeaves"/> in whole seconds, rounded up: a client that waits that long is sure to find the
    /// slot free, where rounding down would send it back a fraction of a second too early for a certain 429.
    /// </summary>
    public long ResetSeconds => (UntilOldestLeaves.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
}
