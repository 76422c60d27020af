using System.Text.Json;

namespace MetaAccess.Simulator.Endpoints;

/// <summary>The body of a Status Change v3 call, with the documented defaults.</summary>
internal sealed record StatusChangedRequest(long Age = 86400, long Verbose = 0, long Page = 1, long Limit = 20)
{
    private static readonly JsonDocumentOptions Tolerant = new() { AllowTrailingCommas = true };

    /// <summary>Parses the body; null when it is not a JSON object of integers.</summary>
    public static StatusChangedRequest? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new StatusChangedRequest();
        }

        try
        {
            using var document = JsonDocument.Parse(body, Tolerant);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var request = new StatusChangedRequest();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!TryReadInteger(property.Value, out var value))
                {
                    return null;
                }

                request = property.Name switch
                {
                    "age" => request with { Age = value },
                    "verbose" => request with { Verbose = value },
                    "page" => request with { Page = value },
                    "limit" => request with { Limit = value },
                    _ => request,
                };
            }

            return request;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // PHP-style back ends often accept "20" as well as 20; so do we.
    private static bool TryReadInteger(JsonElement element, out long value) =>
        element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(element.GetString(), out value),
            _ => (value = 0) == 1,
        };
}
