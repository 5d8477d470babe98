using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage;

/// <summary>Builds the engine's in-memory index of a stored CodeSystem from its normalised rows.</summary>
public static class CodeSystemIndexLoader
{
    public static async Task<CodeSystemIndex> LoadAsync(ResourceStore store, ResourceEntity entity, long revision, CancellationToken ct = default) =>
        Build(entity, await store.LoadConceptRowsAsync(entity.Key, ct), revision);

    public static CodeSystemIndex Build(ResourceEntity entity, ConceptRows rows, long revision)
    {
        var header = FhirJson.Deserialize<CodeSystem>(entity.Json);
        var builder = new CodeSystemIndexBuilder(FhirCodeSystemReader.ReadInfo(header));
        foreach (var p in header.Property)
        {
            builder.DeclareProperty(FhirCodeSystemReader.ReadProperty(p));
        }

        rows.AddTo(builder);
        return builder.Build(revision);
    }
}
