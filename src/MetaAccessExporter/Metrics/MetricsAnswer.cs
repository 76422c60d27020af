using System.Buffers;
using MetaAccessExporter.Metrics.Exposition;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// <c>/metrics</c> as a scrape gets it: the exporter's own families (<see cref="FleetMetricsRenderer"/>), then the
/// process and runtime families (<see cref="ProcessCollectors"/>), then the end, which OpenMetrics wants last.
/// </summary>
public sealed class MetricsAnswer(FleetMetricsRenderer fleet, ProcessCollectors process)
{
    public async Task WriteToAsync(IBufferWriter<byte> output, ExpositionFormat format, CancellationToken cancel)
    {
        // prometheus-net writes to a stream, asynchronously: its few lines are collected first, so that ours are
        // still rendered straight into the output with no await between a snapshot and its lines.
        var processFamilies = await process.CollectAsync(format, cancel).ConfigureAwait(false);
        var writer = new ExpositionWriter(output, format);
        fleet.WriteTo(writer);
        writer.Bytes(processFamilies.Span);
        writer.End();
    }
}
