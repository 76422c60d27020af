namespace MetaAccess.Simulator;

/// <summary>
/// How the status-change feed orders its entries across pages. The vendor does not document it, so the
/// simulator offers each reading a page walk must survive.
/// </summary>
public enum FeedOrder
{
    /// <summary>Oldest change first: a device that changes mid-walk jumps to the end and every later entry moves up one.</summary>
    ChangedAscending,

    /// <summary>Newest change first: a change mid-walk pushes every entry down one, onto the next page.</summary>
    ChangedDescending,

    /// <summary>By device id: a change keeps its place; enrolments and entries ageing out still shift the rest.</summary>
    ById,
}
