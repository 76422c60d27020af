namespace MetaAccessExporter.Metrics.Exposition.Gzip;

/// <summary>
/// The CRC-32 a gzip trailer carries (ISO-HDLC, reflected polynomial 0xEDB88320), and zlib's
/// <c>crc32_combine</c>, which System.IO.Hashing lacks: the CRC of two pieces joined, from each
/// piece's CRC and the second's length. Combining is what lets an answer made of pre-compressed
/// pieces get its trailer without reading its bytes again.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    // x^(2^n) modulo the polynomial, for n = 0..31: the operator "shift by 2^n bits" in zlib's terms.
    private static readonly uint[] PowersOfTwo = BuildPowers();

    /// <summary>System.IO.Hashing's, vectorised: some 40 times a byte-by-byte table on this machine.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => System.IO.Hashing.Crc32.HashToUInt32(data);

    /// <summary>The CRC of A followed by B, given CRC(A), CRC(B) and B's length in bytes.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB) =>
        MultiplyModP(PowerOfX(lengthB, 3), crcA) ^ crcB;

    private static uint MultiplyModP(uint a, uint b)
    {
        uint m = 1u << 31;
        uint product = 0;
        while (true)
        {
            if ((a & m) != 0)
            {
                product ^= b;
                if ((a & (m - 1)) == 0)
                    return product;
            }
            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }
    }

    // x^(n * 2^k) modulo the polynomial; k = 3 turns a length in bytes into one in bits.
    private static uint PowerOfX(long n, int k)
    {
        uint p = 1u << 31;
        while (n != 0)
        {
            if ((n & 1) != 0)
                p = MultiplyModP(PowersOfTwo[k & 31], p);
            n >>= 1;
            k++;
        }
        return p;
    }

    private static uint[] BuildPowers()
    {
        var powers = new uint[32];
        uint p = 1u << 30;
        powers[0] = p;
        for (int n = 1; n < 32; n++)
            powers[n] = p = MultiplyModP(p, p);
        return powers;
    }
}
