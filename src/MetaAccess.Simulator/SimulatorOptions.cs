namespace MetaAccess.Simulator;

/// <summary>Configuration of the simulated MetaAccess tenant (configuration section <c>Simulator</c>).</summary>
public sealed class SimulatorOptions
{
    /// <summary>Seed of every random choice: fleet, churn, tokens and faults.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Monitored devices at start.</summary>
    public int DeviceCount { get; set; } = 3000;

    /// <summary>
    /// Calls allowed in any 60-second window for the whole account: one budget shared by token requests, every
    /// endpoint, every access token and the other client (<see cref="OtherClientCallsPerMinute"/>).
    /// </summary>
    public int RequestsPerMinute { get; set; } = 10;

    /// <summary>
    /// Calls per minute another client of the account (the vendor's SIEM add-on, a script) makes on its own, spread
    /// evenly over each minute of the simulator's clock; they spend <see cref="RequestsPerMinute"/> too. 0: none.
    /// </summary>
    public int OtherClientCallsPerMinute { get; set; }

    /// <summary>The account's <c>name</c> in account details.</summary>
    public string AccountName { get; set; } = "Simulated Account";

    /// <summary>
    /// The licence, <c>devices_allowed</c> in account details. Null: the next multiple of 1000 above <see
    /// cref="DeviceCount"/> (4000 for 3000 devices), so the default fleet fits it with room to grow.
    /// </summary>
    public int? DevicesAllowed { get; set; }

    /// <summary>Mean of the exponential time between fleet changes; <see cref="TimeSpan.Zero"/> turns churn off.</summary>
    public TimeSpan MeanTimeBetweenChanges { get; set; } = TimeSpan.FromSeconds(5);

    public string ClientId { get; set; } = "demo-client";

    public string ClientSecret { get; set; } = "demo-secret";

    /// <summary>Lifetime of tokens issued by <c>/o/oauth/token</c>.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A token that is always valid when set, so demo and tests need no OAuth round trip.</summary>
    public string? StaticAccessToken { get; set; } = "demo-token";

    /// <summary>Order of the status-change feed; the default is the one that costs a page walk the most.</summary>
    public FeedOrder FeedOrder { get; set; } = FeedOrder.ChangedAscending;

    /// <summary>Share of the initial fleet whose last status change was 2 to 40 days ago, so the 24-hour feed never lists it.</summary>
    public double StaleShare { get; set; } = 0.4;

    /// <summary>Share of churn deletions that leave no tombstone in the feed (the device is simply gone).</summary>
    public double SilentDeleteShare { get; set; } = 0.3;

    /// <summary>How the inventory's last page marks the end of the list.</summary>
    public InventoryEnd InventoryEnd { get; set; } = InventoryEnd.EmptyToken;

    /// <summary>
    /// Initial <see cref="SimulatorFaults.MalformedRecordShare"/>: share of devices whose feed and inventory
    /// records carry a field of the wrong shape.
    /// </summary>
    public double MalformedRecordShare { get; set; }

    /// <summary><c>devices_allowed</c> as account details answer it.</summary>
    internal int LicensedDevices => DevicesAllowed ?? (DeviceCount / 1000 + 1) * 1000;
}
