using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using TerminologyServer.Storage;

namespace TerminologyServer.Import;

/// <summary>What a FHIR content import did, by resource.</summary>
public sealed record FhirImportSummary(int Created, int Updated, int Unchanged, int Skipped, int Concepts, IReadOnlyList<string> SkippedTypes);

/// <summary>
/// Stores the resources of a FHIR package, Bundle or folder (<see cref="FhirContent"/>) in ONE transaction: every
/// file is parsed first (a bad one stops the import before anything is written), then each stored type
/// (<see cref="ResourceStore.SupportedTypes"/>) is saved; unchanged resources stay as they are. Other types are skipped.
/// </summary>
public sealed class FhirContentImporter(TerminologyDbContext db, ResourceStore store)
{
    public async Task<FhirImportSummary> ImportAsync(string path, ImportProgress? progress = null, CancellationToken ct = default)
    {
        var resources = new List<Resource>();
        var skipped = new SortedSet<string>(StringComparer.Ordinal);
        var skippedCount = 0;
        var ids = new HashSet<(string, string)>();
        foreach (var (source, resource) in FhirContent.Read(path))
        {
            ct.ThrowIfCancellationRequested();
            if (!ResourceStore.SupportedTypes.Contains(resource.TypeName))
            {
                skipped.Add(resource.TypeName);
                skippedCount++;
                continue;
            }

            resource.Id ??= DerivedId(resource) ?? throw new ImportException($"a {resource.TypeName} has neither an id nor a url to derive one from.", source);
            if (!Hl7.Fhir.Model.Id.IsValidValue(resource.Id))
            {
                throw new ImportException($"'{resource.Id}' is not a valid resource id.", source);
            }

            if (!ids.Add((resource.TypeName, resource.Id)))
            {
                throw new ImportException($"{resource.TypeName}/{resource.Id} appears twice.", source);
            }

            resources.Add(resource);
        }

        if (resources.Count == 0 && skippedCount == 0)
        {
            throw new ImportException("no FHIR resources found.", path);
        }

        try
        {
            return await StoreAsync(resources, skippedCount, skipped, progress, ct);
        }
        catch (ResourceVersionConflictException)
        {
            // Another process wrote one of these resources while this import ran; nothing landed. Each write compares
            // with the stored row, so running the whole import once more on fresh state is the same import.
            db.ChangeTracker.Clear();
            return await StoreAsync(resources, skippedCount, skipped, progress, ct);
        }
    }

    private async Task<FhirImportSummary> StoreAsync(List<Resource> resources, int skippedCount, IEnumerable<string> skipped,
        ImportProgress? progress, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            int created = 0, updated = 0, unchanged = 0, concepts = 0;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            for (var i = 0; i < resources.Count; i++)
            {
                var resource = resources[i];
                switch (await store.SaveAsync(resource, ct))
                {
                    case WriteOutcome.Created: created++; break;
                    case WriteOutcome.Updated: updated++; break;
                    default: unchanged++; break;
                }

                if (resource is CodeSystem cs)
                {
                    concepts += ResourceStore.CountConcepts(cs.Concept);
                }

                progress?.Resources(i + 1, resources.Count);
            }

            await tx.CommitAsync(ct);
            return new FhirImportSummary(created, updated, unchanged, skippedCount, concepts, skipped.ToList());
        });
    }

    private static string? DerivedId(Resource resource) =>
        resource is IVersionableConformanceResource { Url: { Length: > 0 } url } canonical
            ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url + "|" + canonical.Version)))[..16].ToLowerInvariant()
            : null;
}
