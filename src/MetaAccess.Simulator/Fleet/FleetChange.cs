namespace MetaAccess.Simulator.Fleet;

/// <summary>The kinds of change the simulated cloud produces on its own.</summary>
internal enum FleetChange
{
    /// <summary>A new posture: status, severity and issues. The feed lists the device again.</summary>
    Reevaluation,

    /// <summary>The agent reported with nothing new: only <c>last_seen</c> moves, the feed does not hear of it.</summary>
    CheckIn,

    Enrollment,

    /// <summary>The device leaves and the feed keeps a tombstone for 24 hours.</summary>
    Deletion,

    /// <summary>The device leaves without a tombstone: only the inventory and device details notice.</summary>
    SilentDeletion,
}
