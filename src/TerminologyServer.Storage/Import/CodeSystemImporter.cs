using Microsoft.EntityFrameworkCore;
using TerminologyServer.Import;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage.Import;

/// <summary>What an import did: the stored resource, the outcome and the row counts.</summary>
public sealed record ImportSummary(string LogicalId, string Url, string? Version, WriteOutcome Outcome, int Concepts, int Parents, int Properties, int Designations);

/// <summary>
/// Stores an <see cref="ImportedCodeSystem"/> in ONE transaction: the CodeSystem row (JSON without concepts), then
/// the concept, parent, property and designation rows streamed from the reader in batches, then the change row.
/// A failure anywhere (a bad line, a lost connection, cancellation) rolls everything back and leaves the previous
/// state. The same source (equal <see cref="ImportedCodeSystem.SourceHash"/>) imported again changes nothing.
/// A different version has its own logical id and is stored beside the others.
/// </summary>
public sealed class CodeSystemImporter(TerminologyDbContext db, TimeProvider clock)
{
    /// <summary>Concepts per batch; each batch's rows are written together.</summary>
    public int BatchSize { get; init; } = ConceptWriter.DefaultBatchSize;

    /// <summary>How many old versions of the code system to keep in its history (null: all; 0: none).</summary>
    public int? KeepHistoryVersions { get; init; }

    /// <summary>Called after each batch with the number of concepts written so far.</summary>
    public Action<int>? OnBatch { get; init; }

    public async Task<ImportSummary> ImportAsync(ImportedCodeSystem source, ImportPosition? position = null, CancellationToken ct = default)
    {
        var header = source.Header;
        var id = header.Id ?? throw new ArgumentException("The imported code system needs an id.", nameof(source));
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var entity = await db.Resources.FirstOrDefaultAsync(r => r.ResourceType == "CodeSystem" && r.LogicalId == id, ct);
            if (entity is not null && entity.ContentHash == source.SourceHash)
            {
                return await UnchangedAsync(entity, ct);
            }

            var outcome = entity is null ? WriteOutcome.Created : WriteOutcome.Updated;
            entity = await ResourceStore.NextVersionAsync(db, entity, "CodeSystem", id, header, source.SourceHash, KeepHistoryVersions, clock, ct);
            entity.Json = FhirJson.Serialize(header);
            await WriteConflicts.SaveResourceAsync(db, "CodeSystem", id, ct);
            var key = entity.Key;
            if (outcome == WriteOutcome.Updated)
            {
                await ResourceStore.DeleteConceptsAsync(db, key, ct);
            }

            db.ChangeTracker.Clear();
            var counts = await WriteConceptsAsync(source, key, position, ct);
            await db.Resources.Where(r => r.Key == key).ExecuteUpdateAsync(s => s.SetProperty(r => r.ConceptCount, counts.Concepts), ct);
            ResourceStore.RecordChange(db, entity);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return counts with { Outcome = outcome };
        });
    }

    private async Task<ImportSummary> UnchangedAsync(ResourceEntity entity, CancellationToken ct)
    {
        var key = entity.Key;
        return new ImportSummary(entity.LogicalId, entity.Url ?? "", entity.Version, WriteOutcome.Unchanged, entity.ConceptCount,
            await db.ConceptParents.CountAsync(c => c.ResourceKey == key, ct),
            await db.ConceptProperties.CountAsync(c => c.ResourceKey == key, ct),
            await db.ConceptDesignations.CountAsync(c => c.ResourceKey == key, ct));
    }

    private async Task<ImportSummary> WriteConceptsAsync(ImportedCodeSystem source, long key, ImportPosition? position, CancellationToken ct)
    {
        var graph = new Engine.CodeSystems.ConceptGraphCheck(source.Header.CaseSensitive ?? true);
        var checkedConcepts = source.ReadConcepts(position).Select(c =>
        {
            graph.Add(c.Code, c.Parents);
            return c;
        });
        var n = await ConceptWriter.WriteAsync(db, key, checkedConcepts, BatchSize, OnBatch, ct);
        // Refused before the commit: a duplicate code or a parent cycle rolls the whole import back.
        graph.Verify(source.Header.Url);
        var h = source.Header;
        return new ImportSummary(h.Id ?? "", h.Url ?? "", h.Version, WriteOutcome.Created, n.Concepts, n.Parents, n.Properties, n.Designations);
    }
}
