namespace MetaAccessExporter.Model;

/// <summary>
/// Told of every change to the model, in order, while the model holds its lock: how the per-device
/// series stay pre-rendered without the model knowing about exposition formats.
/// </summary>
public interface IDeviceModelObserver
{
    /// <summary><paramref name="before"/> is null for a new device, <paramref name="after"/> null for a removed one.</summary>
    void OnDeviceChanged(Device? before, Device? after);
}
