using TerminologyServer.Import;
using TerminologyServer.Storage.Import;

namespace TerminologyServer.Storage;

/// <summary>Rows written for one code system's concepts.</summary>
internal readonly record struct ConceptCounts(int Concepts, int Parents, int Properties, int Designations);

/// <summary>
/// The one way concepts reach the database, for a CodeSystem resource write and an import alike: concepts of the
/// import contract, mapped by <see cref="ConceptRows.Add"/>, written in batches inside the caller's transaction by
/// the provider's fastest path (<see cref="ConceptRowWriter"/>).
/// </summary>
internal static class ConceptWriter
{
    public const int DefaultBatchSize = 10_000;

    public static async Task<ConceptCounts> WriteAsync(TerminologyDbContext db, long key, IEnumerable<ImportedConcept> concepts, int batchSize, Action<int>? onBatch, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        using var writer = ConceptRowWriter.For(db);
        var batch = new ConceptRows();
        int count = 0, parents = 0, properties = 0, designations = 0;
        foreach (var c in concepts)
        {
            batch.Add(c, key, count++);
            if (batch.Concepts.Count >= batchSize)
            {
                (parents, properties, designations) = (parents + batch.Parents.Count, properties + batch.Properties.Count, designations + batch.Designations.Count);
                await writer.WriteAsync(batch, ct);
                batch = new ConceptRows();
                onBatch?.Invoke(count);
            }
        }

        (parents, properties, designations) = (parents + batch.Parents.Count, properties + batch.Properties.Count, designations + batch.Designations.Count);
        await writer.WriteAsync(batch, ct);
        onBatch?.Invoke(count);
        return new ConceptCounts(count, parents, properties, designations);
    }
}
