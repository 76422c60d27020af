using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>A standard OAuth token answer; <c>expires_in</c> is optional (renew on 401 without it).</summary>
public sealed class TokenResponse
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
    [JsonPropertyName("expires_in")] public int? ExpiresIn { get; set; }
}
