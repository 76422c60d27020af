using System.Globalization;
using System.Net;
using MetaAccessExporter.Api.Dto;
using Refit;

namespace MetaAccessExporter.Api;

/// <summary>Fetches one device's details: the details, null for 404 (the device is unknown), or a failure.</summary>
public sealed class DeviceDetailsClient(IDeviceDetailsApi api, ApiCallStats stats)
{
    public async Task<DeviceDetails?> GetAsync(string deviceId, CancellationToken cancellationToken)
    {
        IApiResponse<DeviceDetails> response;
        try
        {
            response = await api.GetAsync(deviceId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ApiException or System.Text.Json.JsonException)
        {
            throw Invalid(deviceId, ex);
        }
        using (response)
        {
            RequestFailure.ThrowIfNoAnswer(response, ApiEndpoint.DeviceDetails, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return null;
            if (!response.IsSuccessStatusCode)
            {
                var code = ((int)response.StatusCode!.Value).ToString(CultureInfo.InvariantCulture);
                throw new MetaAccessApiException(ApiEndpoint.DeviceDetails, code, $"{ApiEndpoint.DeviceDetails} for {deviceId} answered {code}");
            }
            if (response.Error is not null || response.Content is null)
                throw Invalid(deviceId, response.Error);
            return response.Content;
        }
    }

    private MetaAccessApiException Invalid(string deviceId, Exception? inner)
    {
        stats.RecordInvalidResponse(ApiEndpoint.DeviceDetails);
        return new MetaAccessApiException(ApiEndpoint.DeviceDetails, "invalid", $"{ApiEndpoint.DeviceDetails} for {deviceId}: the answer is not the expected JSON", inner);
    }
}
