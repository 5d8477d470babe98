using BenchmarkDotNet.Running;
using TerminologyServer.Benchmarks;

// dotnet run -c Release --project bench/TerminologyServer.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
