using System.Text.Json.Serialization;

namespace MetaAccessExporter.Budget.Persistence;

/// <summary>The budget's memory on disk (<c>budget.json</c> beside the model). Unix milliseconds keep it small.</summary>
public sealed record BudgetFile(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("calls")] long[] Calls,
    [property: JsonPropertyName("server")] BudgetFileServer? Server,
    [property: JsonPropertyName("server_sends_headers")] bool? ServerSendsHeaders)
{
    public const string FormatName = "metaaccess-exporter-budget";
    public const int CurrentVersion = 1;
}

public sealed record BudgetFileServer(
    [property: JsonPropertyName("limit")] int? Limit,
    [property: JsonPropertyName("remaining")] int Remaining,
    [property: JsonPropertyName("reset_at")] long ResetAt,
    [property: JsonPropertyName("heard_at")] long HeardAt);

[JsonSerializable(typeof(BudgetFile))]
internal sealed partial class BudgetFileJson : JsonSerializerContext;
