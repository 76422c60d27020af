using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Metrics.Exposition.Gzip;
using MetaAccessExporter.Model;

namespace MetaAccessExporter.Metrics;

/// <summary>
/// Keeps the answer of <c>/metrics/devices</c> rendered, plain and deflated, as immutable pieces
/// (the kube-state-metrics store, taken one step further). Devices are spread over shards by a hash
/// of their id; a change marks its shard, and the next scrape re-renders only marked shards, at most
/// once whatever the number of scrapes. A change also schedules that rendering a moment later, off
/// the scrape path, so the scrape after a poll usually finds it done. A scrape then writes bytes it
/// did not make, and concurrent scrapes share them: its cost is the size of the answer, whatever the
/// poller is doing.
/// </summary>
/// <remarks>
/// Two locks, never nested the other way: <c>_gate</c> guards the shards' device lists and is held by
/// the model's writers only for a dictionary update; <c>_build</c> is taken by scrapes alone, so the
/// poller never waits for a rendering.
/// </remarks>
public sealed class DeviceSeriesCache : IDeviceModelObserver
{
    // A shard holds up to this many devices before the shards double: large enough that a 100,000-device
    // answer is a few thousand pieces, small enough that a changed device costs a few hundred re-rendered.
    private const int MaxDevicesPerShard = 256;

    // Changes come a page at a time, a device at a time; waiting at least this long lets one rendering
    // take a whole page, and at least ten times the last rendering keeps a fast first fill (the demo
    // reads ten pages a second, each touching most shards) from re-rendering the fleet every second.
    private static readonly TimeSpan MinRenderDelay = TimeSpan.FromSeconds(1);
    private const int RenderDelayPerRenderTime = 10;

    // Below this many devices the answer is a few megabytes: not worth a full collection.
    private const int CompactFrom = 10_000;

    private readonly Lock _gate = new();
    private readonly Lock _build = new();
    private readonly DeviceShardRenderer _renderer;
    private readonly (CompressedPiece[] Headers, CompressedPiece End)[] _framing;
    private DeviceShard[] _shards = [new()];
    private int _count;
    private volatile bool _changed = true;
    private volatile Rendition? _rendition;
    private readonly TimeProvider _time;
    private int _renderScheduled;
    private TimeSpan _lastRenderTime;

    public DeviceSeriesCache(string account, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _renderer = new DeviceShardRenderer(account);
        _framing = [.. Enum.GetValues<ExpositionFormat>().Select(_renderer.Framing)];
    }

    public void OnDeviceChanged(Device? before, Device? after)
    {
        lock (_gate)
        {
            if (after is null)
            {
                var shard = ShardOf(before!.Id);
                if (shard.Devices.Remove(before.Id))
                    _count--;
                shard.Changed = true;
            }
            else
            {
                var shard = ShardOf(after.Id);
                if (shard.Devices.TryAdd(after.Id, after))
                    _count++;
                else
                    shard.Devices[after.Id] = after;
                shard.Changed = true;
                if (_count > _shards.Length * MaxDevicesPerShard)
                    Reshard(_shards.Length * 2);
            }
            _changed = true;
        }
        if (Interlocked.Exchange(ref _renderScheduled, 1) == 0)
            _ = RenderSoonAsync();
    }

    /// <summary>The answer as it stands, rendering first what changed since the last scrape.</summary>
    public PrerenderedAnswer Answer(ExpositionFormat format) => Current().For(format);

    private Rendition Current()
    {
        if (!_changed && _rendition is { } current)
            return current;
        lock (_build)
        {
            if (!_changed && _rendition is { } built)
                return built;
            DeviceShard[] shards;
            List<(DeviceShard Shard, Device[] Devices)> changed = [];
            lock (_gate)
            {
                _changed = false;
                shards = _shards;
                foreach (var shard in shards.Where(s => s.Changed))
                {
                    shard.Changed = false;
                    changed.Add((shard, [.. shard.Devices.Values]));
                }
            }
            // Rendered outside the gate: the poller goes on while this scrape renders.
            long started = _time.GetTimestamp();
            foreach (var (shard, devices) in changed)
                shard.Pieces = _renderer.Render(devices);
            _lastRenderTime = _time.GetElapsedTime(started);
            _rendition = new Rendition(_framing, [.. shards.Select(s => s.Pieces)]);
            if (changed.Count * 2 >= shards.Length && Volatile.Read(ref _count) >= CompactFrom)
                _ = Task.Run(ReturnReplacedPiecesToTheSystem);
            return _rendition;
        }
    }

    /// <summary>
    /// After most of a large answer was rendered anew (a restore, a first fill, a reshard), the pieces it
    /// replaced are tens of megabytes of dead gen-2 arrays, and the GC keeps the memory they took:
    /// resident memory settled at twice the live heap. One compacting, decommitting collection gives it
    /// back; a small rendering (a poll's page) never triggers one.
    /// </summary>
    private static void ReturnReplacedPiecesToTheSystem() =>
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private async Task RenderSoonAsync()
    {
        var delay = _lastRenderTime * RenderDelayPerRenderTime;
        await Task.Delay(delay > MinRenderDelay ? delay : MinRenderDelay, _time).ConfigureAwait(false);
        // Cleared first: a change made while this renders schedules the next rendering.
        Volatile.Write(ref _renderScheduled, 0);
        Current();
    }

    private DeviceShard ShardOf(string id) => _shards[ShardIndex(id, _shards.Length)];

    // FNV-1a: stable across runs (string.GetHashCode is not), so an answer's order is reproducible.
    private static int ShardIndex(string id, int shards)
    {
        uint hash = 2166136261;
        foreach (char c in id)
            hash = (hash ^ c) * 16777619;
        return (int)(hash & (uint)(shards - 1));
    }

    private void Reshard(int count)
    {
        var shards = new DeviceShard[count];
        for (int i = 0; i < count; i++)
            shards[i] = new DeviceShard();
        foreach (var device in _shards.SelectMany(s => s.Devices.Values))
            shards[ShardIndex(device.Id, count)].Devices.Add(device.Id, device);
        _shards = shards;
    }

    /// <summary>A shard: its devices (under the gate), whether they changed since rendered, and their pieces.</summary>
    private sealed class DeviceShard
    {
        public Dictionary<string, Device> Devices { get; } = new(StringComparer.Ordinal);

        public bool Changed { get; set; } = true;

        /// <summary>One piece per family; written only by the builder.</summary>
        public CompressedPiece[] Pieces { get; set; } = [];
    }

    /// <summary>Every shard's pieces at one build, and the answers made of them, one per format.</summary>
    private sealed class Rendition((CompressedPiece[] Headers, CompressedPiece End)[] framing, CompressedPiece[][] shards)
    {
        private readonly PrerenderedAnswer?[] _answers = new PrerenderedAnswer?[framing.Length];

        public PrerenderedAnswer For(ExpositionFormat format) => _answers[(int)format] ??= Assemble(framing[(int)format]);

        // Family by family: its header, then its lines from every shard.
        private PrerenderedAnswer Assemble((CompressedPiece[] Headers, CompressedPiece End) framing)
        {
            var pieces = new List<CompressedPiece>(framing.Headers.Length * (shards.Length + 1) + 1);
            for (int f = 0; f < framing.Headers.Length; f++)
            {
                pieces.Add(framing.Headers[f]);
                foreach (var shard in shards)
                {
                    if (shard[f].Plain.Length > 0)
                        pieces.Add(shard[f]);
                }
            }
            pieces.Add(framing.End);
            return new PrerenderedAnswer([.. pieces]);
        }
    }
}
