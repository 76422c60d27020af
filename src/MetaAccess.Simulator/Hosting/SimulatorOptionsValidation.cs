namespace MetaAccess.Simulator.Hosting;

/// <summary>Refuses options the simulator cannot honour, naming the key, before anything listens.</summary>
internal static class SimulatorOptionsValidation
{
    public static void Validate(SimulatorOptions options)
    {
        Require(options.DeviceCount >= 0, nameof(options.DeviceCount), "must be 0 or more");
        Require(options.RequestsPerMinute >= 1, nameof(options.RequestsPerMinute), "must be 1 or more");
        Require(options.OtherClientCallsPerMinute >= 0, nameof(options.OtherClientCallsPerMinute), "must be 0 or more");
        Require(options.DevicesAllowed is null or >= 0, nameof(options.DevicesAllowed), "must be 0 or more");
        Require(options.MeanTimeBetweenChanges >= TimeSpan.Zero, nameof(options.MeanTimeBetweenChanges), "must not be negative");
        Require(options.TokenLifetime > TimeSpan.Zero, nameof(options.TokenLifetime), "must be positive");
        Require(!string.IsNullOrEmpty(options.ClientId), nameof(options.ClientId), "must not be empty");
        Require(!string.IsNullOrEmpty(options.ClientSecret), nameof(options.ClientSecret), "must not be empty");
        Require(IsShare(options.StaleShare), nameof(options.StaleShare), "must be from 0 to 1");
        Require(IsShare(options.SilentDeleteShare), nameof(options.SilentDeleteShare), "must be from 0 to 1");
        Require(IsShare(options.MalformedRecordShare), nameof(options.MalformedRecordShare), "must be from 0 to 1");
        Require(Enum.IsDefined(options.FeedOrder), nameof(options.FeedOrder), "must be ChangedAscending, ChangedDescending or ById");
        Require(Enum.IsDefined(options.InventoryEnd), nameof(options.InventoryEnd), "must be EmptyToken, NullToken or AbsentToken");
    }

    private static bool IsShare(double value) => value is >= 0 and <= 1;

    private static void Require(bool condition, string key, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"Simulator:{key} {problem}.");
        }
    }
}
