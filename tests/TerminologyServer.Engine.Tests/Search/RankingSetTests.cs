using TerminologyServer.Tests;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>The ranking test set (bench/ranking-set.tsv) over the real ICD-10-CM, ICD-10-PCS, HCPCS and the CPT fragment.</summary>
[Collection(SearchDataCollection.Name)]
public sealed class RankingSetTests(SearchDataFixture data)
{
    [SkippableFact]
    public void Given_the_ranking_set_When_every_query_is_searched_Then_hit_at_3_is_at_least_90_percent()
    {
        data.SkipIfUnavailable();
        var cases = RankingSet.Load(new Dictionary<string, string>
        {
            ["icd10cm"] = RealData.Icd10CmUrl, ["icd10pcs"] = RealData.Icd10PcsUrl, ["hcpcs"] = RealData.HcpcsUrl, ["cpt"] = RealData.Cpt,
        });

        var outcomes = RankingSet.Run(data.Search, cases);

        Assert.True(cases.Count >= 50, $"the set has {cases.Count} queries");
        var misses = string.Join("\n", outcomes.Where(o => o.Rank == 0).Select(o => $"{o.Case.Query}: {string.Join(" | ", o.Top)}"));
        Assert.True(RankingSet.HitAt(outcomes, 3) >= 0.9, $"hit@3 {RankingSet.HitAt(outcomes, 3):P0}, hit@1 {RankingSet.HitAt(outcomes, 1):P0}; misses:\n{misses}");
    }
}
