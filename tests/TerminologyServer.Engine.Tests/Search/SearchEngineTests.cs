using Hl7.Fhir.Model;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Search;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>Filters, paging, the FHIR faces (implicit and all-codes value sets), the type-ahead fast path and similar codes.</summary>
[Collection(SearchDataCollection.Name)]
public sealed class SearchEngineTests(SearchDataFixture data)
{
    private static readonly ValueSetExpander Expander = new();

    [SkippableTheory]
    [InlineData("diab mell")]
    [InlineData("fract femur")]
    [InlineData("pneum")]
    [InlineData("a")]
    [InlineData("E11")]
    [InlineData("s72.0")]
    [InlineData("unsp part neck right femur init")]
    [InlineData("zzzq")]
    public void Given_icd10cm_When_type_ahead_expands_the_whole_system_Then_the_index_answers_as_the_full_scan_does(string filter)
    {
        data.SkipIfUnavailable();
        var whole = new ValueSet { Url = "http://example.org/vs/whole", Status = PublicationStatus.Active, Compose = new() { Include = [new() { System = RealData.Icd10CmUrl }] } };
        // An exclude of a code that does not exist changes nothing but takes the value set off the fast path.
        var scanned = new ValueSet
        {
            Url = "http://example.org/vs/scanned", Status = PublicationStatus.Active,
            Compose = new() { Include = [new() { System = RealData.Icd10CmUrl }], Exclude = [new() { System = RealData.Icd10CmUrl, Concept = [new() { Code = "no-such-code" }] }] },
        };

        foreach (var (offset, count) in new[] { (0, 20), (7, 50) })
        {
            var fast = Expand(whole, filter, offset, count);
            var slow = Expand(scanned, filter, offset, count);

            Assert.Equal(slow.Expansion.Total, fast.Expansion.Total);
            Assert.Equal(slow.Expansion.Contains.Select(c => c.Code), fast.Expansion.Contains.Select(c => c.Code));
        }
    }

    [SkippableFact]
    public void Given_terminated_hcpcs_codes_When_searching_active_only_Then_they_are_left_out()
    {
        data.SkipIfUnavailable();
        var all = data.Search.Search(new SearchQuery("injection", [RealData.HcpcsUrl], Limit: 10_000));
        var active = data.Search.Search(new SearchQuery("injection", [RealData.HcpcsUrl], ActiveOnly: true, Limit: 10_000));

        Assert.Contains(all.Hits, h => h.Concept.IsInactive);
        Assert.DoesNotContain(active.Hits, h => h.Concept.IsInactive);
        Assert.Equal(all.Hits.Count(h => !h.Concept.IsInactive), active.Total);
    }

    [SkippableFact]
    public void Given_a_system_filter_When_searching_Then_only_that_system_answers_and_pages_follow_each_other()
    {
        data.SkipIfUnavailable();
        var first = data.Search.Search(new SearchQuery("fracture", [RealData.Icd10CmUrl], Limit: 10));
        var second = data.Search.Search(new SearchQuery("fracture", [RealData.Icd10CmUrl], Limit: 10, Offset: 10));
        var both = data.Search.Search(new SearchQuery("fracture", [RealData.Icd10CmUrl], Limit: 20));

        Assert.All(both.Hits, h => Assert.Equal(RealData.Icd10CmUrl, h.System.Url));
        Assert.Equal(both.Hits.Select(h => h.Concept.Code), first.Hits.Concat(second.Hits).Select(h => h.Concept.Code));
        Assert.Equal(first.Total, both.Total);
        Assert.True(both.Total > 1000);
    }

    [Fact]
    public void Given_a_narrative_supplement_When_searching_its_words_Then_the_code_matches_by_narrative_with_a_snippet()
    {
        var result = data.Search.Search(new SearchQuery("sciatica", [RealData.Cpt]));

        var hit = Assert.Single(result.Hits);
        Assert.Equal("72275", hit.Concept.Code);
        Assert.Equal(MatchKind.Narrative, hit.Match);
        Assert.Contains("sciatica", hit.Snippet);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--- !!")]
    public void Given_a_query_without_words_or_code_When_searching_Then_nothing_is_found(string query) =>
        Assert.Equal(0, data.Search.Search(new SearchQuery(query)).Total);

    [Fact]
    public void Given_the_implicit_value_set_of_cpt_When_expanding_with_a_filter_Then_it_ranks_like_the_text_filter()
    {
        var vs = Expander.Expand(new ExpansionRequest { Url = RealData.Cpt + "?fhir_vs", Filter = "contrast spinal", Count = 5 }, new ValueSetRegistry(), data.Registry);

        Assert.Equal(RealData.Cpt + "?fhir_vs", vs.Url);
        Assert.Equal(5, vs.Expansion.Contains.Count);
        Assert.All(vs.Expansion.Contains, c => Assert.Contains("spinal", c.Display, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(vs.Expansion.Contains.Select(c => c.Display.Length).Order(), vs.Expansion.Contains.Select(c => c.Display.Length));
    }

    [Fact]
    public void Given_an_unknown_system_When_expanding_its_implicit_value_set_Then_it_is_not_found()
    {
        var e = Assert.Throws<TerminologyException>(() => Expander.Expand(new ExpansionRequest { Url = "http://example.org/nothing?fhir_vs", Filter = "x" }, new ValueSetRegistry(), data.Registry));
        Assert.Equal(OperationOutcome.IssueType.NotFound, e.IssueType);
    }

    [Fact]
    public void Given_the_all_codes_value_set_When_expanding_with_a_filter_Then_the_ranked_hits_come_back_and_without_a_filter_it_is_too_costly()
    {
        var vs = AllCodesValueSet.Expand(data.Search, new ExpansionRequest { Url = AllCodesValueSet.Url, Filter = "epidurography", Count = 3 }, TimeProvider.System);

        Assert.Equal("72275", vs.Expansion.Contains[0].Code);
        Assert.Equal(RealData.Cpt, vs.Expansion.Contains[0].System);
        var e = Assert.Throws<TerminologyException>(() => AllCodesValueSet.Expand(data.Search, new ExpansionRequest { Url = AllCodesValueSet.Url, Count = 3 }, TimeProvider.System));
        Assert.Equal(OperationOutcome.IssueType.TooCostly, e.IssueType);
    }

    [SkippableFact]
    public void Given_an_icd_code_When_asking_for_similar_codes_Then_siblings_come_first_then_text_neighbours_deterministically()
    {
        data.SkipIfUnavailable();
        var icd = data.Registry.Find(RealData.Icd10CmUrl)!;
        var concept = icd.Find("S72.001A")!;

        var similar = SimilarCodes.Find(icd, concept, 10);

        Assert.Equal(10, similar.Count);
        Assert.Equal(Similarity.Sibling, similar[0].Relation);
        Assert.StartsWith("S72.001", similar[0].Concept.Code);
        Assert.Contains(similar, s => s.Relation == Similarity.Text);
        Assert.DoesNotContain(similar, s => s.Concept.Code == "S72.001A");
        Assert.Equal(similar.Select(s => s.Concept.Code), SimilarCodes.Find(icd, concept, 10).Select(s => s.Concept.Code));
    }

    [Fact]
    public void Given_cpt_72275_When_asking_for_similar_codes_Then_the_other_spinal_contrast_studies_lead()
    {
        var cpt = data.Registry.Find(RealData.Cpt)!;

        var similar = SimilarCodes.Find(cpt, cpt.Find("72275")!, 9);

        // The six codes that replace it first, then the other spinal contrast studies of the radiology section.
        Assert.All(similar.Take(6), s => Assert.Equal(Similarity.Replacement, s.Relation));
        Assert.Contains(similar.Skip(6), s => s.Concept.Code is "72270" or "72240" or "72265" or "72255");
        Assert.DoesNotContain(similar, s => CodeFamilies.IsModifier(s.Concept) || CodeFamilies.CptSection(s.Concept.Code) == "pathology-laboratory");
    }

    [Theory]
    [InlineData("epidurography", "epidurograpy", true)]
    [InlineData("pneumonia", "pnuemonia", true)]
    [InlineData("diabetes", "diabetis", true)]
    [InlineData("asthma", "asthmma", true)]
    [InlineData("fracture", "frac", true)]
    [InlineData("fracture", "fricture", true)]
    [InlineData("fracture", "frcature", true)]
    [InlineData("fracture", "friqture", false)]
    [InlineData("cholera", "hypertension", false)]
    public void Given_a_word_When_testing_one_edit_prefix_Then_one_typo_is_forgiven(string term, string typed, bool expected) =>
        Assert.Equal(expected, Words.StartsWithinOneEdit(term, typed));

    private ValueSet Expand(ValueSet vs, string filter, int offset, int count) =>
        Expander.Expand(new ExpansionRequest { ValueSet = vs, Filter = filter, Offset = offset, Count = count }, new ValueSetRegistry(), data.Registry);
}
