namespace MetaAccess.Simulator;

/// <summary>How the inventory's last page says it is the last: the vendor does not document which.</summary>
public enum InventoryEnd
{
    /// <summary><c>"next_token": ""</c>.</summary>
    EmptyToken,

    /// <summary><c>"next_token": null</c>.</summary>
    NullToken,

    /// <summary>No <c>next_token</c> property at all.</summary>
    AbsentToken,
}
