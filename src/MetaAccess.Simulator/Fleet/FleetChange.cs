namespace MetaAccess.Simulator.Fleet;

/// <summary>The kinds of change the simulated cloud produces on its own.</summary>
internal enum FleetChange
{
    Reevaluation,
    CheckIn,
    Enrollment,
    Deletion,
}
