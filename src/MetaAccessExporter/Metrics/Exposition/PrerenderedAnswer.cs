using MetaAccessExporter.Metrics.Exposition.Gzip;

namespace MetaAccessExporter.Metrics.Exposition;

/// <summary>
/// An answer made of immutable pieces in order, ready to send as it is or as gzip: a scrape writes
/// bytes it did not make, and concurrent scrapes share them. Its lengths are known before the first
/// byte is sent, so the response carries a Content-Length.
/// </summary>
public sealed class PrerenderedAnswer
{
    private readonly CompressedPiece[] _pieces;
    private readonly long _deflatedLength;
    private byte[]? _trailer;

    public PrerenderedAnswer(CompressedPiece[] pieces)
    {
        _pieces = pieces;
        foreach (var piece in pieces)
        {
            PlainLength += piece.Plain.Length;
            _deflatedLength += piece.Deflated.Length;
        }
    }

    public long PlainLength { get; }

    public long GzipLength => GzipFraming.Length(_deflatedLength);

    public long Length(bool gzip) => gzip ? GzipLength : PlainLength;

    public IEnumerable<ReadOnlyMemory<byte>> Chunks(bool gzip) => gzip ? GzipChunks() : PlainChunks();

    private IEnumerable<ReadOnlyMemory<byte>> PlainChunks()
    {
        foreach (var piece in _pieces)
            yield return piece.Plain;
    }

    private IEnumerable<ReadOnlyMemory<byte>> GzipChunks()
    {
        yield return GzipFraming.Header;
        foreach (var piece in _pieces)
            yield return piece.Deflated;
        yield return GzipFraming.FinalBlock;
        yield return Trailer();
    }

    // Made on the first gzip scrape only: a Prometheus that does not ask for gzip never pays for it.
    // Two scrapes racing here compute the same bytes.
    private byte[] Trailer()
    {
        if (_trailer is { } made)
            return made;
        uint crc = 0;
        foreach (var piece in _pieces)
            crc = Crc32.Combine(crc, piece.Crc, piece.Plain.Length);
        return _trailer = GzipFraming.Trailer(crc, PlainLength);
    }
}
