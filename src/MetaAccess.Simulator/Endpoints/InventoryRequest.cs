using System.Text.Json;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>The body of a Get Devices v3.7 call: a cursor (none or empty: from the oldest device) and a page size.</summary>
internal sealed record InventoryRequest(string? Token = null, long Limit = 20)
{
    private static readonly JsonDocumentOptions Tolerant = new() { AllowTrailingCommas = true };

    /// <summary>Parses the body; null when it is not a JSON object with a string token and an integer limit.</summary>
    public static InventoryRequest? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new InventoryRequest();
        }

        try
        {
            using var document = JsonDocument.Parse(body, Tolerant);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var request = new InventoryRequest();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "token" when value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                        request = request with { Token = value.GetString() };
                        break;
                    case "limit" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var limit):
                        request = request with { Limit = limit };
                        break;
                    case "limit" when value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out var limit):
                        request = request with { Limit = limit };
                        break;
                    case "token" or "limit":
                        return null;
                }
            }

            return request;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
