using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaAccessExporter.Api.Dto;

/// <summary>
/// Tolerant where the vendor is sloppy: its published examples carry trailing commas, and numbers
/// sometimes arrive as strings ("1"). Strict everywhere else: a body that is not JSON fails the request, and a
/// record of the wrong shape is skipped (<see cref="RecordReader"/>).
/// </summary>
[JsonSourceGenerationOptions(
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusChangedRequest))]
[JsonSerializable(typeof(StatusChangedPage))]
[JsonSerializable(typeof(DeviceRecord))]
[JsonSerializable(typeof(InventoryRequest))]
[JsonSerializable(typeof(InventoryAnswer))]
[JsonSerializable(typeof(DeviceDetails))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(AccountAnswer))]
public sealed partial class MetaAccessJson : JsonSerializerContext;
