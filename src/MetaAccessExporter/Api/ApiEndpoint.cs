namespace MetaAccessExporter.Api;

/// <summary>The <c>endpoint</c> label values of <c>metaaccess_api_requests_total</c>.</summary>
public static class ApiEndpoint
{
    public const string StatusChanged = "status_changed";
    public const string DeviceDetails = "device_details";
    public const string Devices = "devices";
    public const string Token = "token";
    public const string Account = "account";

    public static readonly IReadOnlyList<string> All = [StatusChanged, Devices, DeviceDetails, Account, Token];

    /// <summary>The endpoints whose answers list device records, which can be skipped one by one.</summary>
    public static readonly IReadOnlyList<string> WithRecords = [StatusChanged, Devices];
}
