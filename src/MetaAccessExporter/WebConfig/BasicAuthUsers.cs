using System.Globalization;
using System.Security.Cryptography;

namespace MetaAccessExporter.WebConfig;

/// <summary>
/// <c>basic_auth_users</c>' hashes, and the decoy an unknown user's password is checked against so that an unknown
/// name costs what a known one does: the toolkit's own decoy when every hash has its cost (10), else one made at
/// the users' highest cost, so that timing does not tell which names exist either way.
/// </summary>
public sealed class BasicAuthUsers
{
    // The toolkit's decoy: bcrypt, cost 10, of "fakepassword", made by Go.
    private const string GoDecoy = "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";
    private const int GoDecoyCost = 10;

    private readonly IReadOnlyDictionary<string, string> _hashes;
    private readonly Lazy<string> _decoy;

    public BasicAuthUsers(IReadOnlyDictionary<string, string> hashes)
    {
        _hashes = hashes;
        int cost = hashes.Count == 0 ? GoDecoyCost : hashes.Values.Max(Cost);
        _decoy = new Lazy<string>(() => cost == GoDecoyCost
            ? GoDecoy
            : BCrypt.Net.BCrypt.HashPassword(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), cost));
    }

    public int Count => _hashes.Count;

    public string Decoy => _decoy.Value;

    public bool TryGetHash(string user, out string hash)
    {
        bool known = _hashes.TryGetValue(user, out var found);
        hash = found ?? "";
        return known;
    }

    /// <summary>The cost of a hash the reader accepted (<c>$2y$10$…</c>).</summary>
    public static int Cost(string hash) => int.Parse(hash.AsSpan(4, 2), CultureInfo.InvariantCulture);
}
