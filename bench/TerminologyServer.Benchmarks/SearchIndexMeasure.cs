using System.Diagnostics;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;
using TerminologyServer.Import;

namespace TerminologyServer.Benchmarks;

/// <summary>
/// Issue 7: how long the search word indexes take to build and how much memory they hold, over ICD-10-CM,
/// ICD-10-PCS, HCPCS and the CPT fragment. <c>dotnet run -c Release --project bench/TerminologyServer.Benchmarks -- search-index</c>
/// </summary>
public static class SearchIndexMeasure
{
    public static void Run()
    {
        var data = Path.GetDirectoryName(Path.GetDirectoryName(TestData.Icd10CmOrderFile()))!;
        var registry = new CodeSystemRegistry();
        var watch = Stopwatch.StartNew();
        registry.Put("cpt", TestData.Cpt());
        registry.Put("icd10cm", Icd10Cm.Open(Path.Combine(data, "icd10cm", "icd10cm_order_2026.txt.gz")).ToIndex());
        registry.Put("icd10pcs", Icd10Pcs.Open(Path.Combine(data, "icd10pcs", "icd10pcs_order_2026.txt.gz")).ToIndex());
        registry.Put("hcpcs", Hcpcs.Open(Path.Combine(data, "hcpcs", "HCPC2025_JAN_ANWEB_12172024.txt.gz")).ToIndex());
        var concepts = registry.All().Sum(i => i.Concepts.Length);
        Console.WriteLine($"code system indexes: {concepts:N0} concepts read and indexed in {watch.ElapsedMilliseconds:N0} ms");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        var search = new CodeSearch(registry);
        search.Warm();
        var built = watch.ElapsedMilliseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var terms = registry.All().Sum(i => i.Text.TermCount);
        Console.WriteLine($"search word indexes: built in {built:N0} ms, {terms:N0} distinct words, {(after - before) / 1024.0 / 1024.0:N1} MB held");
        foreach (var i in registry.All())
        {
            watch.Restart();
            var rebuilt = ConceptTextIndex.Build(i);
            Console.WriteLine($"  {i.Url}: {i.Concepts.Length:N0} concepts, {rebuilt.TermCount:N0} words, rebuilt alone in {watch.ElapsedMilliseconds:N0} ms");
        }

        foreach (var q in new[] { "epidurography", "covid", "epidu", "a", "diab mell", "bypass cerebral ventricle nasopharynx autologous open" })
        {
            search.Search(new SearchQuery(q));
            watch.Restart();
            for (var k = 0; k < 50; k++)
            {
                search.Search(new SearchQuery(q));
            }

            Console.WriteLine($"  query '{q}': {watch.Elapsed.TotalMilliseconds / 50:N2} ms");
        }

        GC.KeepAlive(search);
    }
}
