namespace MetaAccessExporter.Account;

/// <summary>
/// Account details as scrapes and the landing page see them. Immutable; <see cref="AccountHealth"/> holds the current one.
/// </summary>
public sealed record AccountStatus
{
    /// <summary>The latest successful read; null before the first.</summary>
    public AccountReading? Latest { get; init; }

    public long Refreshes { get; init; }
    public long Failures { get; init; }
    public string? LastError { get; init; }
}

/// <summary>Holds the current <see cref="AccountStatus"/>.</summary>
public sealed class AccountHealth
{
    private readonly Lock _gate = new();
    private AccountStatus _current = new();

    public AccountStatus Current
    {
        get { lock (_gate) return _current; }
    }

    public void Update(Func<AccountStatus, AccountStatus> change)
    {
        lock (_gate)
            _current = change(_current);
    }
}
