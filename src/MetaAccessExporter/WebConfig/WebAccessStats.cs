namespace MetaAccessExporter.WebConfig;

/// <summary>What <c>/metrics</c> tells of the web configuration: failed logins, reloads, the certificate's expiry.</summary>
public sealed class WebAccessStats(WebOptions options)
{
    private readonly long[] _failures = new long[Enum.GetValues<LoginFailure>().Length];
    private long _reloads;
    private long _rejectedReloads;
    private volatile Reading? _reading;

    /// <summary>The web configuration's state at its latest change; null without <c>--web.config.file</c>.</summary>
    public sealed record Reading(bool LastReloadSuccessful, DateTimeOffset LastSuccess, DateTimeOffset? CertificateNotAfter);

    public Reading? Current => _reading;

    /// <summary>Whether a web configuration file is in use: its families are on <c>/metrics</c> only then.</summary>
    public bool Enabled { get; } = options.Enabled;

    public long Failures(LoginFailure reason) => Interlocked.Read(ref _failures[(int)reason]);

    public long Reloads => Interlocked.Read(ref _reloads);

    public long RejectedReloads => Interlocked.Read(ref _rejectedReloads);

    public void Failed(LoginFailure reason) => Interlocked.Increment(ref _failures[(int)reason]);

    internal void Loaded(WebConfigReading reading, DateTimeOffset now, bool initial)
    {
        if (!initial)
            Interlocked.Increment(ref _reloads);
        var notAfter = reading.Tls?.Leaf.NotAfter.ToUniversalTime();
        _reading = new Reading(true, now, notAfter is { } utc ? new DateTimeOffset(utc) : null);
    }

    /// <summary>The files went back to the configuration in force after a refused change.</summary>
    internal void Restored()
    {
        if (_reading is { } reading)
            _reading = reading with { LastReloadSuccessful = true };
    }

    internal void Rejected()
    {
        Interlocked.Increment(ref _rejectedReloads);
        if (_reading is { } reading)
            _reading = reading with { LastReloadSuccessful = false };
    }
}
