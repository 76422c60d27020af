using System.Buffers.Binary;

namespace MetaAccessExporter.Metrics.Exposition.Gzip;

/// <summary>What turns joined <see cref="CompressedPiece"/>s into one gzip member (RFC 1952).</summary>
public static class GzipFraming
{
    /// <summary>Magic, deflate, no flags, no modification time, no extra flags, unknown OS.</summary>
    public static ReadOnlyMemory<byte> Header { get; } = new byte[] { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF };

    /// <summary>An empty final block with fixed codes: what zlib writes when finishing after a sync flush.</summary>
    public static ReadOnlyMemory<byte> FinalBlock { get; } = new byte[] { 0x03, 0x00 };

    public const int TrailerLength = 8;

    public static long Length(long deflatedLength) => Header.Length + deflatedLength + FinalBlock.Length + TrailerLength;

    /// <summary>The CRC-32 of the whole uncompressed answer and its length modulo 2^32, both little-endian.</summary>
    public static byte[] Trailer(uint crc, long plainLength)
    {
        var trailer = new byte[TrailerLength];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), unchecked((uint)plainLength));
        return trailer;
    }
}
