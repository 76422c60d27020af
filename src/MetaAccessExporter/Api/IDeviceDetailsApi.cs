using MetaAccessExporter.Api.Dto;
using Refit;

namespace MetaAccessExporter.Api;

/// <summary>Device Details v2.1 by hardware id (<c>opt=0</c>). A client of its own so it can spend budget at enrichment priority.</summary>
public interface IDeviceDetailsApi
{
    [Get("/o/api/v2.1/devices/{deviceId}?opt=0")]
    Task<IApiResponse<DeviceDetails>> GetAsync(string deviceId, CancellationToken cancellationToken);
}
