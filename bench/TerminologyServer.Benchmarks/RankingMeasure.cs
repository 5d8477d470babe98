using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;
using TerminologyServer.Import;
using TerminologyServer.Tests;

namespace TerminologyServer.Benchmarks;

/// <summary>
/// Issue 17: ranking quality, not speed. Runs <c>bench/ranking-set.tsv</c> over what the default server holds (the
/// FHIR R4 core, the CPT fragment, ICD-10-CM, ICD-10-PCS, HCPCS) and prints each miss with its top three, then
/// hit@1 and hit@3. <c>dotnet run -c Release --project bench/TerminologyServer.Benchmarks -- ranking</c>
/// </summary>
public static class RankingMeasure
{
    public static void Run()
    {
        var registry = new CodeSystemRegistry();
        SearchQueryMeasure.LoadCore(registry);
        var data = Path.GetDirectoryName(Path.GetDirectoryName(TestData.Icd10CmOrderFile()))!;
        registry.Put("cpt", TestData.Cpt());
        registry.Put("icd10cm", Icd10Cm.Open(Path.Combine(data, "icd10cm", "icd10cm_order_2026.txt.gz"), null, Path.Combine(data, "icd10cm", "tabular-fy2021", "icd10cm_tabular_2021.xml.gz")).ToIndex());
        registry.Put("icd10pcs", Icd10Pcs.Open(Path.Combine(data, "icd10pcs", "icd10pcs_order_2026.txt.gz")).ToIndex());
        registry.Put("hcpcs", Hcpcs.Open(Path.Combine(data, "hcpcs", "HCPC2025_JAN_ANWEB_12172024.txt.gz")).ToIndex());
        var search = new CodeSearch(registry);
        var cases = RankingSet.Load(new Dictionary<string, string>
        {
            ["icd10cm"] = Icd10Cm.Url, ["icd10pcs"] = Icd10Pcs.Url, ["hcpcs"] = Hcpcs.Url, ["cpt"] = Cpt.Url,
        });
        var outcomes = RankingSet.Run(search, cases);
        foreach (var o in outcomes)
        {
            Console.WriteLine($"{(o.Rank == 0 ? "MISS" : "@" + o.Rank),-5} {o.Case.Query,-40} {string.Join(" | ", o.Top)}");
        }

        Console.WriteLine($"{cases.Count} queries: hit@1 {RankingSet.HitAt(outcomes, 1):P0}, hit@3 {RankingSet.HitAt(outcomes, 3):P0}");
    }
}
