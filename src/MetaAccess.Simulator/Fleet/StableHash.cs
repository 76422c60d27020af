namespace MetaAccess.Simulator.Fleet;

/// <summary>
/// A per-device choice that depends on the seed and the device id alone, so it is the same on every call, in every
/// answer and in every process (string.GetHashCode differs from one process to the next).
/// </summary>
internal static class StableHash
{
    // FNV-1a over the seed and the id, then a SplitMix64 finish so low and high bits are both well mixed.
    public static ulong Of(int seed, string deviceId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in $"{seed}:{deviceId}")
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }

    /// <summary>A number in [0, 1) from the hash's high 53 bits.</summary>
    public static double Fraction(ulong hash) => (hash >> 11) / (double)(1UL << 53);
}
