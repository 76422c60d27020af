using System.Buffers;
using System.IO.Compression;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Metrics.Exposition.Gzip;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// Renders a shard of devices into one <see cref="CompressedPiece"/> per device family, and the
/// families' headers. Not thread-safe: one builder at a time uses it (its buffers are reused).
/// </summary>
internal sealed class DeviceShardRenderer
{
    // Pieces are compressed when devices change, not when scraped, so the better ratio is affordable.
    private const CompressionLevel Level = CompressionLevel.Optimal;

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly MemoryStream _scratch = new();
    private readonly ExpositionSampleSink _sink;

    public DeviceShardRenderer(string account)
    {
        // Per-device samples are gauges, identical in both text formats.
        _sink = new ExpositionSampleSink(new ExpositionWriter(_buffer, ExpositionFormat.PrometheusText), [new Label("account", account)]);
    }

    /// <summary><paramref name="devices"/> sorted by id, family by family: piece f holds family f's lines.</summary>
    public CompressedPiece[] Render(Device[] devices)
    {
        Array.Sort(devices, (a, b) => string.CompareOrdinal(a.Id, b.Id));
        var table = DeviceFamilies.Table;
        var pieces = new CompressedPiece[table.Count];
        for (int f = 0; f < table.Count; f++)
        {
            _buffer.ResetWrittenCount();
            _sink.Begin(table[f].Name, table[f].AccountWide);
            foreach (var device in devices)
                table[f].Samples(device, _sink);
            pieces[f] = Piece(_buffer.WrittenSpan);
        }
        return pieces;
    }

    /// <summary>Each family's HELP and TYPE lines in <paramref name="format"/>, then what ends the answer.</summary>
    public (CompressedPiece[] Headers, CompressedPiece End) Framing(ExpositionFormat format)
    {
        var writer = new ExpositionWriter(_buffer, format);
        var headers = DeviceFamilies.Table.Select(family =>
        {
            _buffer.ResetWrittenCount();
            writer.FamilyHeader(family.Name, family.Help, family.Type);
            return Piece(_buffer.WrittenSpan);
        }).ToArray();
        _buffer.ResetWrittenCount();
        writer.End();
        return (headers, Piece(_buffer.WrittenSpan));
    }

    private CompressedPiece Piece(ReadOnlySpan<byte> plain) => CompressedPiece.Of(plain, Level, _scratch);
}
