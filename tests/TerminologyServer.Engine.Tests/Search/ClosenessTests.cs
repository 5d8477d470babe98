using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>
/// Within the display level, more query words found as whole words rank first, before shorter displays: checked
/// among many concepts, so the walk through each word's postings has long stretches to skip.
/// </summary>
public sealed class ClosenessTests
{
    [Fact]
    public void Given_many_displays_When_words_match_whole_in_some_and_as_prefixes_in_others_Then_whole_word_matches_come_first()
    {
        var concepts = new List<CodeSystem.ConceptDefinitionComponent>();
        for (var i = 0; i < 5000; i++)
        {
            // Every 7th concept matches only as prefixes ("femurs fractured"), every 500th with both words whole.
            var display = i % 500 == 499 ? $"Fracture of the femur, case {i}"
                : i % 7 == 0 ? $"Femurs fractured {i}"
                : i % 3 == 0 ? $"Fracture of the femur neck and more words here {i}"
                : $"Other thing {i}";
            concepts.Add(new() { Code = $"C{i}", Display = display });
        }

        var registry = new CodeSystemRegistry();
        registry.Put("cs", FhirCodeSystemReader.ToIndex(new CodeSystem
        {
            Url = "http://example.org/cs/closeness", Version = "1", Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Complete, Concept = concepts,
        }));

        var hits = new CodeSearch(registry).Search(new SearchQuery("femur fracture", Limit: 100)).Hits;

        // Both words whole: the ten short "case" displays first (by length), then the long whole-word ones, and the prefix-only ones last.
        Assert.Equal(Enumerable.Range(0, 10).Select(k => $"C{k * 500 + 499}").Order(StringComparer.Ordinal),
            hits.Take(10).Select(h => h.Concept.Code).Order(StringComparer.Ordinal));
        Assert.All(hits.Skip(10), h => Assert.StartsWith("Fracture of the femur neck", h.Concept.Display));
        var total = new CodeSearch(registry).Search(new SearchQuery("femur fracture", Limit: 5000)).Hits;
        Assert.All(total.SkipWhile(h => !h.Concept.Display!.StartsWith("Femurs", StringComparison.Ordinal)),
            h => Assert.StartsWith("Femurs", h.Concept.Display));
        Assert.Contains(total, h => h.Concept.Display!.StartsWith("Femurs", StringComparison.Ordinal));
    }
}
