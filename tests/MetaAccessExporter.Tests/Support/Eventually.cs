namespace MetaAccessExporter.Tests.Support;

/// <summary>Waits for a condition with a deadline, checking often: the alternative to fixed sleeps.</summary>
internal static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, TimeSpan deadline, string because)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Waited {deadline.TotalSeconds:0} s: {because}.");
            await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
