namespace MetaAccessExporter.Model.Persistence;

/// <summary>Between the model's records and format version 1's: the one place that knows both.</summary>
internal static class StateFileMapping
{
    public static StateFile ToFile(SavedModel model, string account, DateTimeOffset savedAt) => new(
        StateFile.FormatName, JsonStateFile.Version, account, savedAt,
        model.Checkpoint.Watermark, model.Checkpoint.Gap, model.Devices.Select(ToFile).ToArray());

    public static SavedModel ToModel(StateFile file) =>
        new(new SyncCheckpoint(file.Watermark!.Value, file.Gap), file.Devices.Select(ToModel).ToArray());

    private static StateFileDevice ToFile(Device d) => new(
        d.Id, d.Status, d.Severity, d.Group, d.TotalIssues, d.CriticalIssues, d.WarningIssues,
        d.Name, d.DeviceType, d.OsFamily, d.AgentVersion, d.LastSeen, d.ChangedAt,
        d.Details is { } x
            ? new StateFileDetails(x.FetchedAt, x.Unavailable, x.IssueCategories, x.CriticalIssueCategories, x.Threats)
            : null);

    private static Device ToModel(StateFileDevice d) => new(
        d.Id, d.Status, d.Severity, d.Group, d.TotalIssues, d.CriticalIssues, d.WarningIssues,
        d.Name, d.DeviceType, d.OsFamily, d.AgentVersion, d.LastSeen, d.ChangedAt,
        d.Details is { } x
            ? new DeviceDetailsSummary(x.FetchedAt, x.Unavailable, x.IssueCategories, x.CriticalIssueCategories, x.Threats)
            : null);
}
