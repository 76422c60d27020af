using System.Net;
using MetaAccessExporter.Api.Dto;

namespace MetaAccessExporter.Api;

/// <summary>Fetches one device's details: the details, null for 404 (the device is unknown), or a failure.</summary>
public sealed class DeviceDetailsClient(IDeviceDetailsApi api, ApiCallStats stats)
{
    public Task<DeviceDetails?> GetAsync(string deviceId, CancellationToken cancellationToken) =>
        ApiAnswer.ReadAsync(() => api.GetAsync(deviceId, cancellationToken), ApiEndpoint.DeviceDetails, $"for {deviceId}",
            meansNothing: HttpStatusCode.NotFound, stats, cancellationToken);
}
