using BenchmarkDotNet.Running;
using MetaAccessExporter.Benchmarks.Memory;

// dotnet run -c Release --project benchmarks/MetaAccessExporter.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/MetaAccessExporter.Benchmarks -- memory [devices...]
if (args is ["memory", .. var fleets])
    return await ResidentMemory.RunAsync(fleets);
BenchmarkSwitcher.FromAssembly(typeof(MetaAccessExporter.Benchmarks.Fleet).Assembly).Run(args);
return 0;
