using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Search;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>The one text ranking: its parts, and <c>$expand</c>'s filter and the site search ordering alike.</summary>
public sealed class TextRankTests
{
    private const string Url = "http://example.org/cs/rank";

    [Theory]
    [InlineData("Fracture of femur", "femur fracture", 0, 0)]         // both words whole; "of" is a free word
    [InlineData("Fractures of femurs", "femur fracture", 2, 2)]       // both only as prefixes, so both display words are extra
    [InlineData("Fracture of femur, closed", "femur fracture", 0, 1)]
    [InlineData("Unspecified fracture of the femur", "fracture", 0, 1)] // "unspecified" marks the default code: free
    [InlineData("Type 2 diabetes", "diabetes", 0, 1)]                  // numbers are not extra words
    [InlineData("", "red", 1, 0)]
    public void Given_a_display_When_its_closeness_is_measured_Then_missing_whole_words_and_extra_words_are_counted(string display, string query, int missing, int extra) =>
        Assert.Equal((missing, extra), TextRank.Closeness(display, Words.Split(query)));

    [Fact]
    public void Given_matches_at_every_level_When_keyed_Then_levels_order_first_and_typos_sit_below_their_level()
    {
        string[] words = ["red"];
        var keys = new[]
        {
            TextRank.OfCode(MatchLevel.Code, false, false, 3),
            TextRank.OfCode(MatchLevel.CodePrefix, false, false, 7),
            TextRank.OfText(MatchLevel.Display, false, false, false, "A very long display that has red in it somewhere", words),
            TextRank.OfText(MatchLevel.Display, true, false, false, "Red", words),
            TextRank.OfText(MatchLevel.Designation, false, false, false, "Red", words),
            TextRank.OfNarrative(false, false, false, 0),
            TextRank.OfNarrative(true, false, false, 0),
        };

        Assert.Equal(keys.Order(), keys);
        Assert.Equal([0, 1, 2, 3, 4, 6, 7], keys.Select(TextRank.LevelOf));
        Assert.All(keys, k => Assert.True(k < 1L << TextRank.KeyBits));
    }

    [Fact]
    public void Given_one_level_When_keyed_Then_clinical_before_administrative_and_active_before_inactive_then_closeness()
    {
        string[] words = ["red"];
        var clinicalActive = TextRank.OfText(MatchLevel.Display, false, false, false, "Reddish and much longer", words);
        var clinicalInactive = TextRank.OfText(MatchLevel.Display, false, false, true, "Red", words);
        var administrative = TextRank.OfText(MatchLevel.Display, false, true, false, "Red", words);

        Assert.True(clinicalActive < clinicalInactive);
        Assert.True(clinicalInactive < administrative);
        Assert.True(TextRank.OfText(MatchLevel.Display, false, false, false, "Red", words)
            < TextRank.OfText(MatchLevel.Display, false, false, false, "Reddish", words));
    }

    [Fact]
    public void Given_narrative_texts_When_placed_Then_the_text_with_most_words_and_the_earlier_position_wins()
    {
        string[] words = ["contrast", "spinal"];

        var inSummary = TextRank.Place(["Injection of contrast into the spinal canal", "See also 72240"], words);
        var inSecondText = TextRank.Place(["Imaging study", "contrast spinal"], words);
        var late = TextRank.Place(["A long summary that says at its very end contrast spinal"], words);
        var none = TextRank.Place(["Nothing here"], words);

        Assert.True(inSummary < inSecondText);
        Assert.True(inSummary < late);
        Assert.Equal(TextRank.MaxLength, none);
        Assert.True(TextRank.OfNarrative(false, false, false, inSummary) < TextRank.OfNarrative(false, false, false, inSecondText));
    }

    [Theory]
    [InlineData("http://hl7.org/fhir/administrative-gender", true)]
    [InlineData("http://terminology.hl7.org/CodeSystem/v3-ActCode", true)]
    [InlineData("http://hl7.org/fhir/sid/icd-10-cm", false)]
    [InlineData("http://www.ama-assn.org/go/cpt", false)]
    [InlineData("http://snomed.info/sct", false)]
    public void Given_a_code_system_url_When_classified_Then_fhir_core_systems_are_administrative(string url, bool administrative) =>
        Assert.Equal(administrative, TextRank.IsAdministrative(url));

    [Fact]
    public void Given_one_code_system_When_the_expand_filter_and_the_site_search_rank_the_same_query_Then_they_agree()
    {
        var registry = new CodeSystemRegistry();
        registry.Put("cs", FhirCodeSystemReader.ToIndex(new CodeSystem
        {
            Url = Url, Version = "1", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete,
            Concept =
            [
                new() { Code = "A1", Display = "Reddish tone" },
                new() { Code = "A2", Display = "Bright and shiny red" },
                new() { Code = "A3", Display = "Red" },
                new() { Code = "A4", Display = "Red colour of the evening sky, unspecified" },
                new() { Code = "A5", Display = "Green" },
                new() { Code = "A6", Display = "Dark red" },
            ],
        }));
        var vs = new ValueSet { Url = "http://example.org/vs/rank", Status = PublicationStatus.Active, Compose = new() { Include = [new() { System = Url }] } };

        var expanded = new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs, Filter = "red" }, new ValueSetRegistry(), registry)
            .Expansion.Contains.Select(c => c.Code).ToList();
        var searched = new CodeSearch(registry).Search(new SearchQuery("red")).Hits.Select(h => h.Concept.Code).ToList();

        Assert.Equal(["A3", "A6", "A2", "A4", "A1"], expanded);
        Assert.Equal(expanded, searched);
    }
}
