namespace MetaAccess.Simulator.Auth;

/// <summary>Issues OAuth access tokens and checks them; the static token (when configured) never expires.</summary>
internal sealed class TokenStore(SimulatorOptions options, TimeProvider time)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly Lock _gate = new();
    private readonly Random _random = new(unchecked(options.Seed * 31 + 3));
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public bool CredentialsMatch(string? clientId, string? clientSecret) =>
        clientId == options.ClientId && clientSecret == options.ClientSecret;

    public (string Token, TimeSpan Lifetime) Issue()
    {
        lock (_gate)
        {
            // Same shape as the documented example token: 48 upper-case letters and digits.
            var token = string.Create(48, _random, static (span, random) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = Alphabet[random.Next(Alphabet.Length)];
                }
            });
            _expiries[token] = time.GetUtcNow() + options.TokenLifetime;
            return (token, options.TokenLifetime);
        }
    }

    public bool IsValid(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        if (token == options.StaticAccessToken)
        {
            return true;
        }

        lock (_gate)
        {
            return _expiries.TryGetValue(token, out var expiry) && time.GetUtcNow() < expiry;
        }
    }
}
