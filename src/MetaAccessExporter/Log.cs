using Microsoft.Extensions.Logging;

namespace MetaAccessExporter;

/// <summary>
/// Every log event the exporter writes, with its level, in one place. Messages never carry a
/// secret: URLs arrive here already redacted.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "{Endpoint} {Method} {Url} answered {Code}")]
    public static partial void ApiCall(ILogger logger, string endpoint, string method, string url, string code);

    [LoggerMessage(2, LogLevel.Warning, "The API answered {Status}: rate limit hit, pausing every call for {Seconds} s")]
    public static partial void Throttled(ILogger logger, int status, double seconds);

    [LoggerMessage(3, LogLevel.Warning, "{Endpoint}: skipped the record of device {DeviceId} and used the rest of its page "
        + "(logged once per device; metaaccess_api_invalid_records_total counts each time): {Problem}")]
    public static partial void InvalidRecord(ILogger logger, string endpoint, string deviceId, string problem);

    [LoggerMessage(4, LogLevel.Warning, "{Key} {File} can be read by {Readers}, not only by the exporter (mode {Mode}): chmod it 0400 "
        + "or 0600; on Kubernetes set defaultMode on the secret volume, as deploy/kubernetes/deployment.yaml does")]
    public static partial void SecretFileReadableByOthers(ILogger logger, string key, string file, string readers, string mode);

    [LoggerMessage(10, LogLevel.Debug, "Poll cycle completed: {Pages} pages, {Upserts} devices updated, {Deletions} deleted (age {Age} s)")]
    public static partial void CycleCompleted(ILogger logger, int pages, int upserts, int deletions, int age);

    [LoggerMessage(11, LogLevel.Error, "Sync is failing; serving the last known model until it recovers: {Reason}")]
    public static partial void SyncFailing(ILogger logger, string reason);

    [LoggerMessage(12, LogLevel.Debug, "Poll cycle failed again: {Reason}")]
    public static partial void CycleFailed(ILogger logger, string reason);

    [LoggerMessage(13, LogLevel.Information, "Sync recovered: {Pages} pages, {Upserts} devices updated, {Deletions} deleted")]
    public static partial void SyncRecovered(ILogger logger, int pages, int upserts, int deletions);

    [LoggerMessage(14, LogLevel.Warning, "Sync gap: the model holds changes up to {Watermark:o}, but the delta feed can only be "
        + "read safely from {ReadingFrom:o}; changes in between may be missing until the next inventory pass lists every device.")]
    public static partial void SyncGapOpened(ILogger logger, DateTimeOffset watermark, DateTimeOffset readingFrom);

    [LoggerMessage(16, LogLevel.Debug, "The delta feed moved under the walk ({Duplicates} devices met twice): reading the window again")]
    public static partial void WalkMetDevicesTwice(ILogger logger, int duplicates);

    [LoggerMessage(15, LogLevel.Error, "The poll loop hit an unexpected fault; it carries on after one poll interval")]
    public static partial void PollLoopFault(ILogger logger, Exception exception);

    [LoggerMessage(20, LogLevel.Information, "Restored {Devices} devices from disk (watermark {Watermark:o})")]
    public static partial void StateRestored(ILogger logger, int devices, DateTimeOffset? watermark);

    [LoggerMessage(21, LogLevel.Warning, "Ignoring the state file {Path}: {Problem}. Starting with an empty model.")]
    public static partial void StateUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(22, LogLevel.Error, "Could not save the model to {Path}: {Reason}")]
    public static partial void StateNotSaved(ILogger logger, string path, string reason);

    [LoggerMessage(23, LogLevel.Debug, "Saved the model to {Path}: {Devices} devices, {Bytes} bytes, in {Milliseconds} ms")]
    public static partial void StateSaved(ILogger logger, string path, int devices, int bytes, int milliseconds);

    [LoggerMessage(50, LogLevel.Information, "Inventory pass completed: {Listed} devices listed, {Added} joined the model, "
        + "{Removed} left it, in {Duration}")]
    public static partial void InventoryPassCompleted(ILogger logger, int listed, int added, int removed, TimeSpan duration);

    [LoggerMessage(51, LogLevel.Warning, "Inventory pages are failing; the pass resumes from the same cursor with backoff: {Reason}")]
    public static partial void InventoryFailing(ILogger logger, string reason);

    [LoggerMessage(52, LogLevel.Information, "Inventory pages recovered")]
    public static partial void InventoryRecovered(ILogger logger);

    [LoggerMessage(53, LogLevel.Error, "An inventory pass was given up; a new one starts from the beginning in half a minute")]
    public static partial void InventoryLoopFault(ILogger logger, Exception exception);

    [LoggerMessage(62, LogLevel.Warning, "Ignoring the budget file {Path}: {Problem}. The first calls go one at a time "
        + "until the API's rate-limit headers say what is left.")]
    public static partial void BudgetUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(63, LogLevel.Warning, "Could not save the budget to {Path}: {Reason}. The next start begins cautiously.")]
    public static partial void BudgetNotSaved(ILogger logger, string path, string reason);

    [LoggerMessage(60, LogLevel.Warning, "Account details are failing; the vendor's totals are read again at the next "
        + "Account:RefreshInterval: {Reason}")]
    public static partial void AccountFailing(ILogger logger, string reason);

    [LoggerMessage(61, LogLevel.Information, "Account details recovered")]
    public static partial void AccountRecovered(ILogger logger);

    [LoggerMessage(30, LogLevel.Warning, "Demo mode: polling the built-in simulator at {Url} ({Devices} devices) with a raised budget "
        + "of {Budget} requests/min, every {Interval}. No real account is read.")]
    public static partial void DemoStarted(ILogger logger, Uri url, int devices, int budget, TimeSpan interval);

    [LoggerMessage(40, LogLevel.Warning, "Device details are failing (first: {DeviceId}); enrichment retries every 30 s: {Reason}")]
    public static partial void EnrichmentFailing(ILogger logger, string deviceId, string reason);

    [LoggerMessage(41, LogLevel.Information, "Device details recovered")]
    public static partial void EnrichmentRecovered(ILogger logger);

    [LoggerMessage(42, LogLevel.Warning, "Enrichment is on but gets no budget: Enrichment:MaxBudgetShare is {Share} "
        + "of {Limit} requests/min. Device details are not fetched.")]
    public static partial void EnrichmentWithoutBudget(ILogger logger, int limit, double share);

    [LoggerMessage(70, LogLevel.Information, "Reloaded the web configuration {Path}")]
    public static partial void WebConfigReloaded(ILogger logger, string path);

    [LoggerMessage(71, LogLevel.Error, "The changed web configuration {Path} cannot be used; the previous one stays in force: {Reason}")]
    public static partial void WebConfigRejected(ILogger logger, string path, string reason);

    [LoggerMessage(72, LogLevel.Warning, "{Path}: tls_server_config.curve_preferences is not applied: .NET leaves the curves to OpenSSL")]
    public static partial void WebConfigCurvesIgnored(ILogger logger, string path);

    // Warning for the first of its reason in a minute, Debug for the rest (WebConfig/RefusalLog).
    [LoggerMessage(EventId = 73, Message = "Failed login as {User} for {Path} from {Remote}: {Reason}")]
    public static partial void FailedLogin(
        ILogger logger, LogLevel level, string user, string path, System.Net.IPAddress? remote, string reason);

    [LoggerMessage(74, LogLevel.Debug, "Asked for credentials for {Path} from {Remote}")]
    public static partial void CredentialsAsked(ILogger logger, string path, System.Net.IPAddress? remote);

    // Likewise Warning once a minute, then Debug.
    [LoggerMessage(EventId = 75, Message = "Refused the TLS client certificate {Subject} from {Remote}: {Reason}")]
    public static partial void ClientCertificateRefused(
        ILogger logger, LogLevel level, string subject, System.Net.EndPoint? remote, string reason);

    [LoggerMessage(76, LogLevel.Information, "Web configuration {Path}: {Summary}")]
    public static partial void WebConfigInForce(ILogger logger, string path, string summary);
}
