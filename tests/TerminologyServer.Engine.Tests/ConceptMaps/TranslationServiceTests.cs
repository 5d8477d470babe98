using Hl7.Fhir.Model;
using TerminologyServer.Engine;
using TerminologyServer.Engine.ConceptMaps;

namespace TerminologyServer.Engine.Tests.ConceptMaps;

/// <summary>$translate in the engine: forward and reverse, scopes, target systems, equivalences, unknown maps.</summary>
public sealed class TranslationServiceTests
{
    private const string Local = "http://example.org/cs/local";
    private const string Loinc = "http://loinc.org";
    private const string Snomed = "http://snomed.info/sct";

    private static readonly TranslationService Service = new();

    private static readonly ConceptMap LabMap = new()
    {
        Url = "http://example.org/cm/lab", Version = "2", Status = PublicationStatus.Active,
        Source = new Hl7.Fhir.Model.Canonical("http://example.org/vs/local"), Target = new Hl7.Fhir.Model.Canonical("http://example.org/vs/loinc"),
        Group =
        [
            new()
            {
                Source = Local, Target = Loinc,
                Element =
                [
                    new() { Code = "GLU", Display = "Glucose", Target = [new() { Code = "2345-7", Display = "Glucose [Mass/volume] in Serum or Plasma", Equivalence = ConceptMapEquivalence.Wider }] },
                    new() { Code = "XXX", Target = [new() { Equivalence = ConceptMapEquivalence.Unmatched }] },
                ],
            },
            new()
            {
                Source = Local, Target = Snomed,
                Element = [new() { Code = "GLU", Target = [new() { Code = "33747003", Display = "Glucose measurement", Equivalence = ConceptMapEquivalence.Equivalent }] }],
            },
        ],
    };

    [Fact]
    public void Given_a_code_When_translated_forward_Then_every_target_of_every_group_is_a_match_with_its_map()
    {
        var (result, message, matches) = Service.Translate(new TranslateRequest { Code = "GLU", System = Local }, [LabMap]);

        Assert.True(result);
        Assert.Null(message);
        Assert.Equal([(Loinc, "2345-7", ConceptMapEquivalence.Wider), (Snomed, "33747003", ConceptMapEquivalence.Equivalent)],
            matches.Select(m => (m.Concept.System, m.Concept.Code, m.Equivalence)));
        Assert.All(matches, m => Assert.Equal("http://example.org/cm/lab|2", m.OriginMap));
    }

    [Fact]
    public void Given_a_target_system_When_translated_Then_only_that_group_answers()
    {
        var (_, _, matches) = Service.Translate(new TranslateRequest { Code = "GLU", System = Local, TargetSystem = Snomed }, [LabMap]);

        Assert.Equal(["33747003"], matches.Select(m => m.Concept.Code));
    }

    [Fact]
    public void Given_a_target_code_When_translated_in_reverse_Then_the_source_side_answers_with_the_equivalence_read_backwards()
    {
        var (result, _, matches) = Service.Translate(new TranslateRequest { Code = "2345-7", System = Loinc, Reverse = true }, [LabMap]);

        var match = Assert.Single(matches);
        Assert.True(result);
        Assert.Equal((Local, "GLU"), (match.Concept.System, match.Concept.Code));
        Assert.Equal(ConceptMapEquivalence.Narrower, match.Equivalence);
        Assert.Equal("2345-7", match.Source!.Code);
    }

    [Fact]
    public void Given_scopes_When_they_are_not_the_maps_Then_the_map_does_not_apply()
    {
        var wrongTarget = Service.Translate(new TranslateRequest { Code = "GLU", System = Local, TargetScope = "http://example.org/vs/other" }, [LabMap]);
        var rightTarget = Service.Translate(new TranslateRequest { Code = "GLU", System = Local, TargetScope = "http://example.org/vs/loinc" }, [LabMap]);

        Assert.False(wrongTarget.Result);
        Assert.Empty(wrongTarget.Matches);
        Assert.True(rightTarget.Result);
    }

    [Fact]
    public void Given_a_code_mapped_only_as_unmatched_When_translated_Then_the_result_is_false_with_a_message()
    {
        var (result, message, matches) = Service.Translate(new TranslateRequest { Code = "XXX", System = Local }, [LabMap]);

        Assert.False(result);
        Assert.Contains("'XXX'", message);
        Assert.Equal(ConceptMapEquivalence.Unmatched, Assert.Single(matches).Equivalence);
    }

    [Fact]
    public void Given_an_unknown_map_or_no_code_When_translated_Then_a_terminology_error_says_what_is_wrong()
    {
        var unknown = Assert.Throws<TerminologyException>(() => Service.Translate(new TranslateRequest { Url = "http://example.org/cm/none", Code = "GLU" }, [LabMap]));
        var noCode = Assert.Throws<TerminologyException>(() => Service.Translate(new TranslateRequest { System = Local }, [LabMap]));

        Assert.Contains("http://example.org/cm/none", unknown.Message);
        Assert.Contains("needs a code", noCode.Message);
    }
}
