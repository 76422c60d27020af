namespace MetaAccessExporter.WebConfig;

/// <summary>Why a request or a connection was refused, for <c>metaaccess_web_auth_failures_total{reason}</c>.</summary>
public enum LoginFailure
{
    /// <summary>No <c>Authorization: Basic</c> header, or one that does not decode: also a browser's first request.</summary>
    NoCredentials,
    UnknownUser,
    WrongPassword,
    /// <summary>A TLS client certificate missing, not signed by the client CA, or without an allowed SAN.</summary>
    ClientCertificate,
}

public static class LoginFailures
{
    public static IReadOnlyList<LoginFailure> All { get; } = Enum.GetValues<LoginFailure>();

    /// <summary>The <c>reason</c> label, also used in the log line.</summary>
    public static string Label(this LoginFailure reason) => reason switch
    {
        LoginFailure.NoCredentials => "no_credentials",
        LoginFailure.UnknownUser => "unknown_user",
        LoginFailure.WrongPassword => "wrong_password",
        _ => "client_certificate",
    };
}

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
    public bool Enabled { get; } = options.ConfigFile.Length > 0;

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

    internal void Rejected()
    {
        Interlocked.Increment(ref _rejectedReloads);
        if (_reading is { } reading)
            _reading = reading with { LastReloadSuccessful = false };
    }
}
