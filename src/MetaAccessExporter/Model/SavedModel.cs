namespace MetaAccessExporter.Model;

/// <summary>The model as it is kept across restarts: its devices and how complete they are.</summary>
public sealed record SavedModel(SyncCheckpoint Checkpoint, IReadOnlyList<Device> Devices);
