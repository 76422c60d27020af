using System.Buffers;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// Keeps every device's series rendered, family by family, and re-renders a device only when it
/// changes (the kube-state-metrics store). A scrape of <c>/metrics/devices</c> then only copies
/// bytes: its cost is the size of the answer, whatever the poller is doing.
/// </summary>
public sealed class DeviceSeriesCache : IDeviceModelObserver
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, RenderedDevice> _devices = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly ExpositionWriter _writer;
    private readonly ExpositionSampleSink _sink;

    public DeviceSeriesCache(string account)
    {
        // Per-device samples are gauges, identical in both text formats.
        _writer = new ExpositionWriter(_buffer, ExpositionFormat.PrometheusText);
        _sink = new ExpositionSampleSink(_writer, [new Label("account", account)]);
    }

    public void OnDeviceChanged(Device? before, Device? after)
    {
        lock (_gate)
        {
            if (after is null)
                _devices.Remove(before!.Id);
            else
                _devices[after.Id] = Render(after);
        }
    }

    public void WriteTo(ExpositionWriter writer)
    {
        RenderedDevice[] devices;
        lock (_gate)
            devices = [.. _devices.Values];
        var table = DeviceFamilies.Table;
        for (int f = 0; f < table.Count; f++)
        {
            writer.FamilyHeader(table[f].Name, table[f].Help, table[f].Type);
            foreach (var device in devices)
                writer.Bytes(device.Family(f));
        }
        writer.End();
    }

    private RenderedDevice Render(Device device)
    {
        _buffer.ResetWrittenCount();
        var table = DeviceFamilies.Table;
        var ends = new int[table.Count];
        for (int f = 0; f < table.Count; f++)
        {
            _sink.Begin(table[f].Name, table[f].AccountWide);
            table[f].Samples(device, _sink);
            ends[f] = _buffer.WrittenCount;
        }
        return new RenderedDevice(_buffer.WrittenSpan.ToArray(), ends);
    }

    /// <summary>One device's samples in one array; <c>ends[f]</c> is where family f's lines stop.</summary>
    private sealed record RenderedDevice(byte[] Bytes, int[] Ends)
    {
        public ReadOnlySpan<byte> Family(int f) => Bytes.AsSpan(f == 0 ? 0 : Ends[f - 1], Ends[f] - (f == 0 ? 0 : Ends[f - 1]));
    }
}
