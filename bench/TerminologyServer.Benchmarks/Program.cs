using BenchmarkDotNet.Running;
using TerminologyServer.Benchmarks;

// dotnet run -c Release --project bench/TerminologyServer.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/TerminologyServer.Benchmarks -- search-index   (issue 7: search index build time and memory)
if (args is ["search-index"])
{
    SearchIndexMeasure.Run();
    return;
}

// dotnet run -c Release --project bench/TerminologyServer.Benchmarks -- search-queries [query…]   (issue 7: engine cost per query of bench/search-queries.lua, or of the queries given)
if (args is ["search-queries", .. var only])
{
    SearchQueryMeasure.Run(only, only.Length > 0 ? 3000 : 100);
    return;
}

// dotnet run -c Release --project bench/TerminologyServer.Benchmarks -- ranking   (issue 17: hit@1 / hit@3 of bench/ranking-set.tsv, FHIR core loaded too)
if (args is ["ranking"])
{
    RankingMeasure.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
