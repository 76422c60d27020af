using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// Logs refused logins and client certificates: the first of each reason in a minute at Warning, the rest at Debug,
/// so that a flood of guesses cannot flood the log (the counters carry the volume). What the client chose (a user
/// name, a certificate's subject) is shortened and stripped of control characters before it reaches a log.
/// </summary>
public sealed class RefusalLog(ILogger<RefusalLog> logger, TimeProvider time)
{
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);
    private readonly long?[] _lastWarning = new long?[LoginFailures.All.Count];
    private readonly Lock _lock = new();

    public void FailedLogin(string user, string path, IPAddress? remote, LoginFailure reason) =>
        Log.FailedLogin(logger, Level(reason), Printable(user, 64), path, remote, reason.Label());

    public void RefusedCertificate(string subject, EndPoint? remote, string why) =>
        Log.ClientCertificateRefused(logger, Level(LoginFailure.ClientCertificate), Printable(subject, 256), remote, why);

    public static string Printable(string text, int maxLength)
    {
        var printable = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (char c in text.AsSpan(0, Math.Min(text.Length, maxLength)))
            printable.Append(char.IsControl(c) ? '?' : c);
        return printable.ToString();
    }

    private LogLevel Level(LoginFailure reason)
    {
        long now = time.GetTimestamp();
        lock (_lock)
        {
            if (_lastWarning[(int)reason] is { } last && time.GetElapsedTime(last, now) < WarnEvery)
                return LogLevel.Debug;
            _lastWarning[(int)reason] = now;
            return LogLevel.Warning;
        }
    }
}
