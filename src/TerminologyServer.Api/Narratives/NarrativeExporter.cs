using Hl7.Fhir.Model;
using TerminologyServer.Engine.Narratives;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Narratives;

/// <summary>Renders the stored narrative of a code (its concept in the narrative supplement) back to the document layout.</summary>
public sealed class NarrativeExporter(ResourceStore store)
{
    /// <summary>The document, or null when the code system has no narrative for <paramref name="code"/>.</summary>
    public async Task<string?> ExportAsync(string systemUrl, string code, CancellationToken ct)
    {
        var ids = systemUrl == NarrativeProperties.Cpt
            ? ["cpt"]
            : (await store.FindByUrlAsync("CodeSystem", systemUrl, ct)).Where(e => e.Content != "supplement").Select(e => e.LogicalId).Distinct().ToList();
        foreach (var id in ids)
        {
            if (await store.ReadAsync("CodeSystem", NarrativeProperties.SupplementId(id), false, ct) is CodeSystem supplement
                && supplement.Concept.FirstOrDefault(c => c.Code == code) is { } concept)
            {
                return NarrativeRenderer.Render(NarrativeMapper.FromConcept(concept, systemUrl, $"{systemUrl}|{code}"));
            }
        }

        return null;
    }
}
