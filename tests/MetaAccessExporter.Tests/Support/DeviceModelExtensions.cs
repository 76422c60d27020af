using MetaAccessExporter.Model;

namespace MetaAccessExporter.Tests.Support;

internal static class DeviceModelExtensions
{
    /// <summary>One device by id, or null: what a test reads back after applying pages.</summary>
    public static Device? Find(this DeviceModel model, string id) => model.ListDevices().SingleOrDefault(d => d.Id == id);
}
