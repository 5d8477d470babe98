using System.Diagnostics;
using System.IO.Compression;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;
using TerminologyServer.Import;

namespace TerminologyServer.Benchmarks;

/// <summary>
/// Issue 7: the engine's cost per query of the search query table (<c>bench/search-queries.lua</c>, the 38 queries
/// of the ranking test) with what the server holds in the measured setup: every CodeSystem of the FHIR R4 core,
/// the CPT fragment, ICD-10-CM, ICD-10-PCS and HCPCS. Prints per query the mean engine CPU time (process CPU, GC
/// included) and the mean over the table. <c>dotnet run -c Release --project bench/TerminologyServer.Benchmarks -- search-queries</c>
/// </summary>
public static class SearchQueryMeasure
{
    public static void Run(IReadOnlyList<string> only, int rounds = 100)
    {
        var registry = new CodeSystemRegistry();
        var core = LoadCore(registry);
        var data = Path.GetDirectoryName(Path.GetDirectoryName(TestData.Icd10CmOrderFile()))!;
        registry.Put("cpt", TestData.Cpt());
        registry.Put("icd10cm", Icd10Cm.Open(Path.Combine(data, "icd10cm", "icd10cm_order_2026.txt.gz")).ToIndex());
        registry.Put("icd10pcs", Icd10Pcs.Open(Path.Combine(data, "icd10pcs", "icd10pcs_order_2026.txt.gz")).ToIndex());
        registry.Put("hcpcs", Hcpcs.Open(Path.Combine(data, "hcpcs", "HCPC2025_JAN_ANWEB_12172024.txt.gz")).ToIndex());
        var search = new CodeSearch(registry);
        var watch = Stopwatch.StartNew();
        search.Warm();
        Console.WriteLine($"{core:N0} FHIR core code systems + 4 medical; word indexes built in {watch.ElapsedMilliseconds:N0} ms");

        var queries = only.Count > 0 ? [.. only] : Queries();
        foreach (var q in queries)
        {
            search.Search(new SearchQuery(q) { Limit = 20 });
        }

        var sum = 0.0;
        foreach (var q in queries)
        {
            // Process CPU time (GC included), which a busy machine inflates less than the wall clock.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var total = 0;
            for (var k = 0; k < rounds; k++)
            {
                total = search.Search(new SearchQuery(q) { Limit = 20 }).Total;
            }

            var ms = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / rounds;
            sum += ms;
            Console.WriteLine($"  {ms,8:N3} ms  {total,7:N0} hits  {q}");
        }

        Console.WriteLine($"mean over {queries.Count} queries: {sum / queries.Count:N3} ms per query");

        // A changed code system rebuilds the search's directory of words and codes (its own word index is built anew too).
        registry.Put("cpt", TestData.Cpt());
        watch.Restart();
        search.Search(new SearchQuery("72275"));
        Console.WriteLine($"first query after a code system changed (directory rebuilt): {watch.ElapsedMilliseconds:N0} ms");
    }

    /// <summary>The queries of <c>bench/search-queries.lua</c>, URL-decoded.</summary>
    private static List<string> Queries()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var lua = Path.Combine(dir.FullName, "bench", "search-queries.lua");
            if (File.Exists(lua))
            {
                var text = File.ReadAllText(lua);
                var block = text[text.IndexOf("local queries = {", StringComparison.Ordinal)..];
                block = block[..block.IndexOf('}')];
                return [.. block.Split('\n').Select(l => l.Trim().TrimEnd(',')).Where(l => l.StartsWith('"')).Select(l => Uri.UnescapeDataString(l.Trim('"')))];
            }
        }

        throw new FileNotFoundException("bench/search-queries.lua not found above the working folder.");
    }

    internal static int LoadCore(CodeSystemRegistry registry)
    {
        var xml = new FhirXmlDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));
        using var zip = ZipFile.OpenRead(Path.Combine(AppContext.BaseDirectory, "specification.zip"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in new[] { "v3-codesystems.xml", "v2-tables.xml", "valuesets.xml" })
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            foreach (var cs in xml.Deserialize<Bundle>(reader.ReadToEnd()).Entry.Select(e => e.Resource).OfType<CodeSystem>())
            {
                if (cs.Id is { } id && cs.Url is not null && seen.Add(id))
                {
                    try
                    {
                        registry.Put(id, FhirCodeSystemReader.ToIndex(cs));
                    }
                    catch (Engine.TerminologyException)
                    {
                        // The server refuses these few invalid core code systems too.
                        seen.Remove(id);
                    }
                }
            }
        }

        return seen.Count;
    }
}
