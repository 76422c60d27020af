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

    /// <summary>Refused unchecked: too many passwords were already waiting for bcrypt.</summary>
    TooManyAttempts,
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
        LoginFailure.ClientCertificate => "client_certificate",
        LoginFailure.TooManyAttempts => "too_many_attempts",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
