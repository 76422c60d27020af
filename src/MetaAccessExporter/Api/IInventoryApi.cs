using MetaAccessExporter.Api.Dto;
using Refit;

namespace MetaAccessExporter.Api;

/// <summary>
/// Get Devices v3.7, the full inventory, read with a cursor. A client of its own so it spends budget at inventory
/// priority; the handler chain adds the access token as for every other call.
/// </summary>
public interface IInventoryApi
{
    [Post("/o/api/v3.7/devices")]
    Task<IApiResponse<InventoryAnswer>> GetPageAsync([Body] InventoryRequest request, CancellationToken cancellationToken);
}
