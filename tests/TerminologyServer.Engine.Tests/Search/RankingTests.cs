using TerminologyServer.Engine.Search;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>
/// The search ranking on real data: for each query, the code that must be among the first three results.
/// ICD-10-CM, ICD-10-PCS and HCPCS from <c>../shared/data</c>, the shipped CPT fragment, a CPT narrative supplement.
/// </summary>
[Collection(SearchDataCollection.Name)]
public sealed class RankingTests(SearchDataFixture data)
{
    public static TheoryData<string, string, string> Queries() => new()
    {
        // exact codes (any case, with or without the dot)
        { "72275", RealData.Cpt, "72275" },
        { "E11.9", RealData.Icd10CmUrl, "E11.9" },
        { "e119", RealData.Icd10CmUrl, "E11.9" },
        { "s72.001a", RealData.Icd10CmUrl, "S72.001A" },
        { "J9035", RealData.HcpcsUrl, "J9035" },
        { "0016070", RealData.Icd10PcsUrl, "0016070" },
        { "26", RealData.Cpt, "26" },
        // partial codes
        { "7227", RealData.Cpt, "72270" },
        { "6232", RealData.Cpt, "62320" },
        { "S72.00", RealData.Icd10CmUrl, "S72.00" },
        { "A002", RealData.HcpcsUrl, "A0021" },
        { "I1", RealData.Icd10CmUrl, "I10" },
        // words of the display
        { "epidurography", RealData.Cpt, "72275" },
        { "contrast spinal neck", RealData.Cpt, "72240" },
        { "low back sacrum contrast", RealData.Cpt, "72265" },
        { "type 2 diabetes mellitus without complications", RealData.Icd10CmUrl, "E11.9" },
        { "fracture of femur", RealData.Icd10CmUrl, "S72" },
        { "essential hypertension", RealData.Icd10CmUrl, "I10" },
        { "asthma", RealData.Icd10CmUrl, "J45" },
        { "cholera", RealData.Icd10CmUrl, "A00" },
        { "pneumonia unspecified organism", RealData.Icd10CmUrl, "J18.9" },
        { "migraine", RealData.Icd10CmUrl, "G43" },
        { "sepsis unspecified organism", RealData.Icd10CmUrl, "A41.9" },
        { "covid", RealData.Icd10CmUrl, "U07.1" },
        { "cane adjustable", RealData.HcpcsUrl, "E0100" },
        { "bevacizumab", RealData.HcpcsUrl, "J9035" },
        { "ambulance outside state", RealData.HcpcsUrl, "A0021" },
        { "bypass cerebral ventricle nasopharynx autologous open", RealData.Icd10PcsUrl, "0016070" },
        // word beginnings (type-ahead)
        { "epidurog", RealData.Cpt, "72275" },
        { "diab mell typ 2", RealData.Icd10CmUrl, "E11" },
        // misspellings (one edit in a word of 5+ letters)
        { "epidurograpy", RealData.Cpt, "72275" },
        { "pnuemonia unspecified organism", RealData.Icd10CmUrl, "J18.9" },
        { "hypertention essential", RealData.Icd10CmUrl, "I10" },
        { "asthmma", RealData.Icd10CmUrl, "J45" },
        { "diabetis mellitus type 2", RealData.Icd10CmUrl, "E11" },
        // synonyms and short names (designations)
        { "cereb vent nasophar autol", RealData.Icd10PcsUrl, "0016070" },
        { "outside state ambulance serv", RealData.HcpcsUrl, "A0021" },
        // narrative text (the CPT narrative supplement)
        { "sciatica epidural contrast", RealData.Cpt, "72275" },
    };

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public void Given_the_real_code_systems_When_searching_Then_the_expected_code_is_in_the_top_three(string query, string system, string code)
    {
        data.SkipIfUnavailable();

        var result = data.Search.Search(new SearchQuery(query, Limit: 3));

        var top = result.Hits.Select(h => $"{h.System.Url}|{h.Concept.Code} {h.Match} {h.Concept.Display}").ToList();
        Assert.True(result.Hits.Any(h => h.System.Url == system && h.Concept.Code == code),
            $"'{query}': expected {system}|{code} in the top 3, got:\n  " + string.Join("\n  ", top));
    }
}
