using MetaAccessExporter.Budget;
using MetaAccessExporter.Budget.Persistence;
using MetaAccessExporter.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MetaAccessExporter.Tests.Budget;

public sealed class BudgetStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("budget-store-").FullName;
    private readonly CapturedLogs _logs = new();

    [Fact]
    public void What_is_saved_is_what_is_loaded()
    {
        var memory = new BudgetMemory([T0, T0.AddSeconds(2.5)], new RateLimitReport(10, 3, T0.AddSeconds(40)), T0.AddSeconds(2.6), true);

        Store("acme").Save(memory);
        var loaded = Store("acme").Load();

        loaded.Should().BeEquivalentTo(memory);
    }

    [Fact]
    public void A_file_of_another_account_or_a_damaged_file_is_ignored_and_logged()
    {
        Store("acme").Save(new BudgetMemory([T0], null, null, false));

        Store("other").Load().Should().BeNull();
        _logs.All.Should().Contain("belongs to account 'acme'");

        File.WriteAllText(Path.Combine(_directory, BudgetStore.FileName), "{\"format\":");
        Store("acme").Load().Should().BeNull();
    }

    [Fact]
    public void The_budget_file_is_private_to_the_exporters_user_even_over_a_readable_one()
    {
        if (OperatingSystem.IsWindows())
            return;
        var path = Path.Combine(_directory, BudgetStore.FileName);
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        Store("acme").Save(new BudgetMemory([T0], null, null, false));

        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the account's calls are nobody else's");
    }

    [Fact]
    public void Without_a_state_path_nothing_is_written()
    {
        var store = new BudgetStore("", "acme", new Logger<BudgetStore>(new LoggerFactory([_logs])));
        store.Save(new BudgetMemory([T0], null, null, null));
        store.Load().Should().BeNull();
        Directory.EnumerateFileSystemEntries(_directory).Should().BeEmpty();
    }

    public void Dispose()
    {
        _logs.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private BudgetStore Store(string account) => new(_directory, account, new Logger<BudgetStore>(new LoggerFactory([_logs])));
}
