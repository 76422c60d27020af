using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/MetaAccessExporter.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(MetaAccessExporter.Benchmarks.Fleet).Assembly).Run(args);
