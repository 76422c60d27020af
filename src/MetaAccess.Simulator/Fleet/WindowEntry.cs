namespace MetaAccess.Simulator.Fleet;

/// <summary>One entry of the status-change window: a monitored device or the tombstone of a deleted one.</summary>
internal readonly record struct WindowEntry(string DeviceId, SimulatedDevice? Device, DeletedDevice? Deleted);
