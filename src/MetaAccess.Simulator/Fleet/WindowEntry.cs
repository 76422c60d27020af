namespace MetaAccess.Simulator.Fleet;

/// <summary>One entry of the status-change window: a monitored device or the tombstone of a deleted one.</summary>
internal readonly record struct WindowEntry(string DeviceId, SimulatedDevice? Device, DeletedDevice? Deleted)
{
    /// <summary>When the entry entered the window: the device's last status change, or its deletion.</summary>
    public DateTimeOffset ChangedAt => Device?.ChangedAt ?? Deleted!.DeletedAt;
}
