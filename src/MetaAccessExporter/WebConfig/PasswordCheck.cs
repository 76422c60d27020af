using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// Checks a user's password against <c>basic_auth_users</c>' bcrypt hashes, as the toolkit does: one bcrypt at a
/// time (each costs tens of milliseconds of CPU), a remembered success so that a scrape every 15 s does not pay it
/// again, and the same cost for an unknown user as for a known one. Unlike the toolkit, the queue for bcrypt is
/// bounded: past it a password is refused unchecked, so a flood of guesses cannot queue without end.
/// </summary>
public sealed class PasswordCheck
{
    public const int MaxWaiting = 16;
    private const int MaxRemembered = 1024;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    // Digests of (user, hash, password) that verified: a changed hash or password no longer matches any.
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);
    private int _waiting;

    /// <returns>Null when the password is right, else why not.</returns>
    public async ValueTask<LoginFailure?> CheckAsync(string user, string password, BasicAuthUsers users, CancellationToken cancel)
    {
        bool known = users.TryGetHash(user, out var hash);
        if (!known)
            hash = users.Decoy;
        string digest = Digest(user, hash, password);
        if (known && _verified.ContainsKey(digest))
            return null;
        if (Interlocked.Increment(ref _waiting) > MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return LoginFailure.TooManyAttempts;
        }
        bool right;
        try
        {
            await _oneAtATime.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                right = BCrypt.Net.BCrypt.Verify(password, hash);
            }
            finally
            {
                _oneAtATime.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        if (!known)
            return LoginFailure.UnknownUser;
        if (!right)
            return LoginFailure.WrongPassword;
        if (_verified.Count >= MaxRemembered)
            _verified.Clear();
        _verified[digest] = true;
        return null;
    }

    private static string Digest(string user, string hash, string password) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\0{hash}\0{password}")));
}
