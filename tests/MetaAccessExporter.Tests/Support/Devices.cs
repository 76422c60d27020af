using MetaAccessExporter.Model;

namespace MetaAccessExporter.Tests.Support;

/// <summary>Builds model devices for tests; every field has a plain default.</summary>
internal static class Devices
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static Device Make(
        string id,
        string group = "Finance",
        string status = "compliant",
        string severity = "none",
        int total = 0,
        int critical = 0,
        int warning = 0,
        DateTimeOffset? lastSeen = null,
        string name = "host",
        DeviceDetailsSummary? details = null) =>
        new(id, status, severity, group, total, critical, warning, name, "desktop", "Windows", "7.6.51.0",
            lastSeen ?? Now.AddMinutes(-5), Now, details);
}
