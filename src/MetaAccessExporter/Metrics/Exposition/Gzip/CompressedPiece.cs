using System.IO.Compression;

namespace MetaAccessExporter.Metrics.Exposition.Gzip;

/// <summary>
/// A piece of an answer kept both as it is and deflated on its own, so that any sequence of pieces
/// can be sent as one gzip stream without compressing anything at scrape time (see <see cref="GzipFraming"/>).
/// </summary>
/// <remarks>
/// Each piece is compressed by a fresh deflater, which never refers back before the piece's start,
/// and ends with a sync flush: its blocks are not final and end on a byte boundary, so pieces can be
/// joined in any order and the joined stream is valid deflate once a final block is appended.
/// </remarks>
public sealed class CompressedPiece
{
    private CompressedPiece(byte[] plain, byte[] deflated, uint crc)
    {
        Plain = plain;
        Deflated = deflated;
        Crc = crc;
    }

    public static CompressedPiece Empty { get; } = new([], [], 0);

    public byte[] Plain { get; }

    public byte[] Deflated { get; }

    /// <summary>The CRC-32 of <see cref="Plain"/>.</summary>
    public uint Crc { get; }

    public static CompressedPiece Of(ReadOnlySpan<byte> plain, CompressionLevel level, MemoryStream scratch)
    {
        if (plain.IsEmpty)
            return Empty;
        scratch.SetLength(0);
        var deflater = new DeflateStream(scratch, level, leaveOpen: true);
        deflater.Write(plain);
        // A sync flush, not the end: Dispose would write a final block, which must come once, at the very end.
        deflater.Flush();
        var deflated = scratch.ToArray();
        deflater.Dispose();
        return new CompressedPiece(plain.ToArray(), deflated, Crc32.Compute(plain));
    }
}
