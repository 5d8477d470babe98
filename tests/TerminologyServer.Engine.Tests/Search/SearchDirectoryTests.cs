using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>
/// The search visits only the code systems that can match (<c>SearchDirectory</c>): these check that pruning
/// never loses a match, over many small systems, for words, codes, typos at every position and supplements.
/// </summary>
public sealed class SearchDirectoryTests
{
    private static readonly CodeSearch Search = BuildSearch();

    private static CodeSearch BuildSearch()
    {
        var registry = new CodeSystemRegistry();
        // Many small systems like the FHIR core, and two that matter.
        for (var i = 0; i < 200; i++)
        {
            registry.Put($"filler-{i}", System($"http://example.org/cs/filler-{i:D3}", ($"F{i}", $"Filler concept {i} alpha"), ($"G{i}", "Other beta")));
        }

        registry.Put("imaging", System("http://example.org/cs/imaging", ("72275", "Epidurography, radiological supervision and interpretation"), ("72240", "Myelography, cervical")));
        registry.Put("conditions", System("http://example.org/cs/conditions", ("E11.9", "Type 2 diabetes mellitus without complications"), ("J45", "Asthma")));
        var supplement = Resource("http://example.org/cs/imaging-notes", ("72240", "Contrast study of the neck"));
        supplement.Content = CodeSystemContentMode.Supplement;
        supplement.Supplements = "http://example.org/cs/imaging";
        registry.Put("imaging-notes", FhirCodeSystemReader.ToIndex(supplement));
        return new CodeSearch(registry);
    }

    private static CodeSystemIndex System(string url, params (string Code, string Display)[] concepts) => FhirCodeSystemReader.ToIndex(Resource(url, concepts));

    private static CodeSystem Resource(string url, params (string Code, string Display)[] concepts) => new()
    {
        Url = url,
        Version = "1",
        Status = PublicationStatus.Active,
        Content = CodeSystemContentMode.Complete,
        Concept = [.. concepts.Select(c => new CodeSystem.ConceptDefinitionComponent { Code = c.Code, Display = c.Display })],
    };

    private static List<string> Codes(string query, int limit = 20) =>
        [.. Search.Search(new SearchQuery(query, Limit: limit)).Hits.Select(h => h.Concept.Code)];

    [Theory]
    [InlineData("epidurography")]
    [InlineData("xpidurography")]  // first letter replaced
    [InlineData("pidurography")]   // first letter missing
    [InlineData("eepidurography")] // a letter too many at the start
    [InlineData("peidurography")]  // first two letters swapped
    [InlineData("eridurography")]  // second letter replaced
    [InlineData("eidurography")]   // second letter missing
    [InlineData("expidurography")] // a letter too many in second place
    [InlineData("eipdurography")]  // second and third letters swapped
    [InlineData("epidurogrpahy")]  // two later letters swapped
    [InlineData("epidurograpy")]   // a later letter missing
    public void Given_a_word_with_one_typo_anywhere_When_searching_many_systems_Then_the_one_system_holding_it_answers(string query)
    {
        Assert.Equal(["72275"], Codes(query));
    }

    [Fact]
    public void Given_words_held_by_different_systems_When_searching_them_together_Then_nothing_matches()
    {
        Assert.Empty(Codes("epidurography asthma"));
    }

    [Fact]
    public void Given_a_word_only_a_supplement_holds_When_searching_Then_the_supplemented_system_answers()
    {
        Assert.Equal(["72240"], Codes("contrast neck"));
    }

    [Fact]
    public void Given_a_code_and_a_word_in_many_systems_When_searching_Then_every_system_holding_them_answers()
    {
        Assert.Equal(["E119"], [.. Codes("e11.9").Select(Words.NormalizeCode)]);
        Assert.Equal(200, Search.Search(new SearchQuery("alpha", Limit: 0)).Total);
        Assert.Equal(["F7", "F70", "F71", "F72", "F73", "F74", "F75", "F76", "F77", "F78", "F79"], Codes("f7"));
    }

    [Fact]
    public void Given_a_system_filter_When_a_word_is_only_elsewhere_Then_it_is_taken_as_a_typo_within_the_filter()
    {
        // "asthma" is in the conditions system only: searched in imaging it is a typo candidate with no match there.
        Assert.Empty(Search.Search(new SearchQuery("asthma", ["http://example.org/cs/imaging"])).Hits);
        Assert.Equal(["J45"], [.. Search.Search(new SearchQuery("asthmma", ["http://example.org/cs/conditions"])).Hits.Select(h => h.Concept.Code)]);
    }
}
