using System.Text.Json;
using MetaAccessExporter.StateFiles;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Budget.Persistence;

/// <summary>
/// Keeps the budget's memory in <c>{Exporter:StatePath}/budget.json</c>, written atomically at
/// shutdown. A missing, damaged or foreign file is logged and ignored: the budget then starts by
/// sending one call at a time until the server's headers say what is left.
/// </summary>
public sealed class BudgetStore(string? stateDirectory, string account, ILogger<BudgetStore> logger)
{
    public const string FileName = "budget.json";

    public bool Enabled => !string.IsNullOrWhiteSpace(stateDirectory);

    public string? FilePath => Enabled ? Path.Combine(stateDirectory!, FileName) : null;

    public void Save(BudgetMemory memory)
    {
        if (!Enabled)
            return;
        var file = new BudgetFile(BudgetFile.FormatName, BudgetFile.CurrentVersion, account,
            [.. memory.Calls.Select(c => c.ToUnixTimeMilliseconds())],
            memory.Server is { } s && memory.HeardAt is { } heard
                ? new BudgetFileServer(s.Limit, s.Remaining, s.ResetAt.ToUnixTimeMilliseconds(), heard.ToUnixTimeMilliseconds())
                : null,
            memory.ServerSendsHeaders);
        try
        {
            PrivateFile.WriteAtomically(FilePath!, JsonSerializer.SerializeToUtf8Bytes(file, BudgetFileJson.Default.BudgetFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.BudgetNotSaved(logger, FilePath!, ex.Message);
        }
    }

    public BudgetMemory? Load()
    {
        if (!Enabled || !File.Exists(FilePath))
            return null;
        BudgetFile? file;
        try
        {
            using var stream = File.OpenRead(FilePath!);
            file = JsonSerializer.Deserialize(stream, BudgetFileJson.Default.BudgetFile);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Log.BudgetUnreadable(logger, FilePath!, ex.Message);
            return null;
        }
        if (Problem(file) is { } problem)
        {
            Log.BudgetUnreadable(logger, FilePath!, problem);
            return null;
        }
        var server = file!.Server;
        var word = server is null ? null : new RateLimitReport(server.Limit, server.Remaining, FromUnix(server.ResetAt));
        return new BudgetMemory(
            [.. file.Calls.Select(FromUnix)], word, server is null ? null : FromUnix(server.HeardAt), file.ServerSendsHeaders);
    }

    private static DateTimeOffset FromUnix(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private string? Problem(BudgetFile? file) => file switch
    {
        null => "it is empty",
        { Format: not BudgetFile.FormatName } => "it is not an exporter budget file",
        { Version: not BudgetFile.CurrentVersion } => $"it has version {file.Version}, not this build's {BudgetFile.CurrentVersion}",
        _ when file.Account != account => $"it belongs to account '{file.Account}', not '{account}'",
        { Calls: null } => "it holds no call list",
        _ => null,
    };
}
