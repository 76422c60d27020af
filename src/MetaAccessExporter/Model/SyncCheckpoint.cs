namespace MetaAccessExporter.Model;

/// <summary>
/// How complete the model is: the one record of it, which the poller moves, the health view shows
/// and persistence saves with the devices.
/// </summary>
/// <param name="Watermark">The model holds every change up to at least this instant (the completed cycle's start).</param>
/// <param name="Gap">Changes may be missing from the model.</param>
public sealed record SyncCheckpoint(DateTimeOffset Watermark, bool Gap);
