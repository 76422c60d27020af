using System.Globalization;
using System.Text;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using MetaAccessExporter.Tests.Support;

namespace MetaAccessExporter.Tests.Metrics;

/// <summary>prometheus-net's part of <c>/metrics</c>: the process and runtime families a Go exporter has, and nothing else.</summary>
public sealed class ProcessCollectorsTests
{
    private static readonly string[] FromDotNetStats =
    [
        "process_start_time_seconds", "process_cpu_seconds_total", "process_virtual_memory_bytes", "process_working_set_bytes",
        "process_private_memory_bytes", "process_open_handles", "process_num_threads",
        "dotnet_collection_count_total", "dotnet_total_memory_bytes",
    ];

    private static readonly string[] FromProcfs = ["process_resident_memory_bytes", "process_open_fds", "process_max_fds"];

    private readonly ProcessCollectors _collectors = new();

    [Fact]
    public async Task Only_the_process_and_runtime_families_come_from_prometheus_net()
    {
        var names = ExpositionFamilies.Split(await CollectAsync(ExpositionFormat.PrometheusText)).Select(f => f.Name).ToList();

        names.Should().OnlyHaveUniqueItems()
            .And.OnlyContain(n => n.StartsWith("process_", StringComparison.Ordinal) || n.StartsWith("dotnet_", StringComparison.Ordinal),
                "prometheus-net's EventCounter and Meter adapters would export ASP.NET Core's and our own meters again");
        names.Should().BeEquivalentTo(OperatingSystem.IsLinux() ? FromDotNetStats.Concat(FromProcfs) : FromDotNetStats);
    }

    [Fact]
    public async Task In_OpenMetrics_counters_are_named_without_total_and_the_end_is_left_to_the_answer()
    {
        var text = await CollectAsync(ExpositionFormat.OpenMetrics);

        text.Should().Contain("# TYPE process_cpu_seconds counter\n").And.Contain("\nprocess_cpu_seconds_total ")
            .And.Contain("# TYPE dotnet_collection_count counter\n").And.Contain("\ndotnet_collection_count_total{generation=\"0\"} ")
            .And.NotContain("# EOF", "/metrics writes its own end after these families").And.EndWith("\n");
    }

    [Fact]
    public async Task Open_descriptors_and_resident_memory_are_the_processs_own()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var before = Value(await CollectAsync(ExpositionFormat.PrometheusText), "process_open_fds");
        var held = Enumerable.Range(0, 200).Select(_ => new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.DeleteOnClose)).ToList();
        try
        {
            var text = await CollectAsync(ExpositionFormat.PrometheusText);

            // Other tests open and close sockets meanwhile: a margin, not an exact count.
            Value(text, "process_open_fds").Should().BeGreaterThan(before + 150);
            Value(text, "process_max_fds").Should().BeGreaterThan(Value(text, "process_open_fds"));
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            Value(text, "process_resident_memory_bytes").Should().BeInRange(self.WorkingSet64 / 2.0, self.WorkingSet64 * 2.0,
                "resident pages times the page size, not pages");
        }
        finally
        {
            held.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [InlineData("Max open files            1048576              1048576              files     ", 1048576)]
    [InlineData("Max open files            1024                 524288               files     ", 1024)]
    [InlineData("Max open files            unlimited            unlimited            files     ", double.PositiveInfinity)]
    public void The_descriptor_limit_is_the_soft_one(string line, double expected)
    {
        var limits = "Limit                     Soft Limit           Hard Limit           Units     \n"
            + "Max processes             63431                63431                processes \n" + line + "\n";

        ProcfsStats.MaxDescriptors(limits).Should().Be(expected);
    }

    private async Task<string> CollectAsync(ExpositionFormat format) =>
        Encoding.UTF8.GetString((await _collectors.CollectAsync(format, CancellationToken.None)).Span);

    private static double Value(string text, string name) =>
        double.Parse(text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..],
            CultureInfo.InvariantCulture);
}
