using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage;

/// <summary>
/// Reads and writes canonical resources. A write is one transaction: the resource row, its normalised
/// concepts and a change row land together or not at all, so no reader ever sees half a code system.
/// </summary>
public sealed class ResourceStore(TerminologyDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlySet<string> SupportedTypes =
        new HashSet<string>(StringComparer.Ordinal) { "CodeSystem", "ValueSet", "ConceptMap", "PlanDefinition", "NamingSystem" };

    /// <summary>How many old versions of each resource <see cref="ResourceHistory"/> keeps (null: all; 0: none).</summary>
    public int? KeepHistoryVersions { get; init; }

    public async Task<Resource?> ReadAsync(string type, string id, bool summary = false, CancellationToken ct = default)
    {
        var entity = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.ResourceType == type && r.LogicalId == id, ct);
        return entity is null ? null : await ToResourceAsync(entity, summary, ct);
    }

    public Task<ResourceEntity?> FindAsync(string type, string id, CancellationToken ct = default) =>
        db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.ResourceType == type && r.LogicalId == id, ct);

    /// <summary>Stored resources of <paramref name="type"/> with <paramref name="url"/> (without their JSON).</summary>
    public Task<List<ResourceEntity>> FindByUrlAsync(string type, string url, CancellationToken ct = default) =>
        db.Resources.AsNoTracking().Where(r => r.ResourceType == type && r.Url == url).ToListAsync(ct);

    /// <summary>
    /// Creates or replaces the resource with <c>resource.Id</c>. Content equal to what is stored changes nothing
    /// (no new version). Sets <c>meta.versionId</c> and <c>meta.lastUpdated</c> on <paramref name="resource"/>.
    /// </summary>
    public async Task<WriteOutcome> SaveAsync(Resource resource, CancellationToken ct = default) =>
        (await SaveAllAsync([new ResourceWrite(resource)], ct))[0];

    /// <summary>
    /// Creates or replaces several resources in one transaction: all land or none does. Each resource is handled
    /// as by <see cref="SaveAsync"/>; a write with an <see cref="ResourceWrite.ExpectedVersion"/> that no longer
    /// matches the stored version throws <see cref="ResourceVersionConflictException"/> and stores nothing; so does a write
    /// that loses a race with another process writing the same resource (the version id is a concurrency token).
    /// </summary>
    public async Task<IReadOnlyList<WriteOutcome>> SaveAllAsync(IReadOnlyList<ResourceWrite> writes, CancellationToken ct = default)
    {
        foreach (var w in writes)
        {
            if (w.Resource is CodeSystem cs)
            {
                Engine.CodeSystems.ConceptGraphCheck.Check(cs);
            }
        }

        var hashes = writes.Select(w => FhirJson.ContentHash(w.Resource)).ToArray();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // Inside a caller's transaction (an import of many resources) the writes join it.
            var own = db.Database.CurrentTransaction is null;
            await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
            var outcomes = new WriteOutcome[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                outcomes[i] = await WriteAsync(writes[i], hashes[i], ct);
            }

            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }

            db.ChangeTracker.Clear();
            return outcomes;
        });
    }

    private async Task<WriteOutcome> WriteAsync(ResourceWrite write, string hash, CancellationToken ct)
    {
        var resource = write.Resource;
        var type = resource.TypeName;
        var id = resource.Id ?? throw new ArgumentException("The resource needs an id to be stored.", nameof(write));
        var entity = await db.Resources.FirstOrDefaultAsync(r => r.ResourceType == type && r.LogicalId == id, ct);
        if (write.ExpectedVersion is { } expected && (entity?.VersionId ?? 0) != expected)
        {
            throw new ResourceVersionConflictException($"{type}/{id} is at version {entity?.VersionId ?? 0}, not {expected}: it changed meanwhile.", expectedVersionMismatch: true);
        }

        if (entity is not null && entity.ContentHash == hash)
        {
            resource.Meta ??= new Meta();
            resource.Meta.VersionId = entity.VersionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            resource.Meta.LastUpdated = entity.LastUpdated;
            return WriteOutcome.Unchanged;
        }

        var outcome = entity is null ? WriteOutcome.Created : WriteOutcome.Updated;
        entity = await NextVersionAsync(db, entity, type, id, resource, hash, KeepHistoryVersions, clock, ct);
        entity.Json = SerializeWithoutConcepts(resource);
        // Only matches the version read above: a writer in another process that stored a version meanwhile makes this fail.
        await WriteConflicts.SaveResourceAsync(db, type, id, ct);

        if (outcome == WriteOutcome.Updated)
        {
            await DeleteConceptsAsync(entity.Key, ct);
        }

        if (resource is CodeSystem cs)
        {
            await InsertConceptsAsync(cs, entity.Key, ct);
        }

        RecordChange(db, entity);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return outcome;
    }

    /// <summary>
    /// Deletes the resource and its concepts. False when it did not exist. Throws <see cref="ResourceVersionConflictException"/>
    /// when another writer changed it between this delete's read and its delete.
    /// </summary>
    public async Task<bool> DeleteAsync(string type, string id, CancellationToken ct = default, int? expectedVersion = null)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // Inside a caller's transaction (a transaction Bundle) the delete joins it.
            var own = db.Database.CurrentTransaction is null;
            await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
            var entity = await db.Resources.FirstOrDefaultAsync(r => r.ResourceType == type && r.LogicalId == id, ct);
            if (entity is null)
            {
                return false;
            }

            if (expectedVersion is { } expected && entity.VersionId != expected)
            {
                throw new ResourceVersionConflictException($"{type}/{id} is at version {entity.VersionId}, not {expected}: it changed meanwhile.", expectedVersionMismatch: true);
            }

            await ResourceHistory.ArchiveAsync(db, entity, KeepHistoryVersions, ct);
            await DeleteConceptsAsync(entity.Key, ct);
            db.Resources.Remove(entity);
            ResourceHistory.AddDeletion(db, entity, clock.GetUtcNow());
            db.Changes.Add(new ChangeEntity { ResourceType = type, LogicalId = id, ResourceKey = entity.Key, Deleted = true, At = clock.GetUtcNow() });
            await WriteConflicts.SaveResourceAsync(db, type, id, ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }

            db.ChangeTracker.Clear();
            return true;
        });
    }

    public async Task<SearchPage> SearchAsync(string type, SearchCriteria criteria, bool summary, bool countOnly, CancellationToken ct = default)
    {
        var q = db.Resources.AsNoTracking().Where(r => r.ResourceType == type);
        if (criteria.Id is { } id) q = q.Where(r => r.LogicalId == id);
        if (criteria.Url is { } url) q = q.Where(r => r.Url == url);
        if (criteria.Ids is { } ids) q = q.Where(r => ids.Contains(r.LogicalId));
        if (criteria.Version is { } version) q = q.Where(r => r.Version == version);
        if (criteria.Status is { } status) q = q.Where(r => r.Status == status);
        if (criteria.Name is { } name)
        {
            var n = name.ToLowerInvariant();
            q = q.Where(r => r.Name != null && r.Name.ToLower().StartsWith(n));
        }

        if (criteria.Title is { } title)
        {
            var t = title.ToLowerInvariant();
            q = q.Where(r => r.Title != null && r.Title.ToLower().StartsWith(t));
        }

        var total = await q.CountAsync(ct);
        if (countOnly)
        {
            return new SearchPage(total, []);
        }

        var page = await q.OrderBy(r => r.Key).Skip(criteria.Offset).Take(criteria.Count).ToListAsync(ct);
        var resources = new List<Resource>(page.Count);
        foreach (var e in page)
        {
            resources.Add(await ToResourceAsync(e, summary, ct));
        }

        return new SearchPage(total, resources);
    }

    /// <summary>Loads the normalised concept rows of a stored CodeSystem, ordered by ordinal.</summary>
    public async Task<ConceptRows> LoadConceptRowsAsync(long resourceKey, CancellationToken ct = default)
    {
        var rows = new ConceptRows();
        rows.Concepts.AddRange(await db.Concepts.AsNoTracking().Where(c => c.ResourceKey == resourceKey).OrderBy(c => c.Ordinal).ToListAsync(ct));
        rows.Parents.AddRange(await db.ConceptParents.AsNoTracking().Where(c => c.ResourceKey == resourceKey).OrderBy(c => c.Ordinal).ThenBy(c => c.Seq).ToListAsync(ct));
        rows.Properties.AddRange(await db.ConceptProperties.AsNoTracking().Where(c => c.ResourceKey == resourceKey).OrderBy(c => c.Ordinal).ThenBy(c => c.Seq).ToListAsync(ct));
        rows.Designations.AddRange(await db.ConceptDesignations.AsNoTracking().Where(c => c.ResourceKey == resourceKey).OrderBy(c => c.Ordinal).ThenBy(c => c.Seq).ToListAsync(ct));
        return rows;
    }

    /// <summary>The concept rows of every stored CodeSystem, by resource key: four queries instead of four per code system.</summary>
    public async Task<Dictionary<long, ConceptRows>> LoadAllConceptRowsAsync(CancellationToken ct = default)
    {
        var all = new Dictionary<long, ConceptRows>();
        ConceptRows For(long key) => all.TryGetValue(key, out var rows) ? rows : all[key] = new ConceptRows();
        await foreach (var c in db.Concepts.AsNoTracking().OrderBy(c => c.ResourceKey).ThenBy(c => c.Ordinal).AsAsyncEnumerable().WithCancellation(ct))
        {
            For(c.ResourceKey).Concepts.Add(c);
        }

        await foreach (var c in db.ConceptParents.AsNoTracking().OrderBy(c => c.ResourceKey).ThenBy(c => c.Ordinal).ThenBy(c => c.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            For(c.ResourceKey).Parents.Add(c);
        }

        await foreach (var c in db.ConceptProperties.AsNoTracking().OrderBy(c => c.ResourceKey).ThenBy(c => c.Ordinal).ThenBy(c => c.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            For(c.ResourceKey).Properties.Add(c);
        }

        await foreach (var c in db.ConceptDesignations.AsNoTracking().OrderBy(c => c.ResourceKey).ThenBy(c => c.Ordinal).ThenBy(c => c.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            For(c.ResourceKey).Designations.Add(c);
        }

        return all;
    }

    private async Task<Resource> ToResourceAsync(ResourceEntity entity, bool summary, CancellationToken ct)
    {
        var resource = FhirJson.Deserialize<Resource>(entity.Json);
        if (resource is CodeSystem cs)
        {
            if (summary)
            {
                resource.Meta ??= new Meta();
                resource.Meta.Tag.Add(new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "SUBSETTED", "subsetted"));
            }
            else if (entity.ConceptCount > 0)
            {
                cs.Concept = (await LoadConceptRowsAsync(entity.Key, ct)).ToFhir();
            }
        }

        return resource;
    }

    internal static void Describe(ResourceEntity entity, Resource resource)
    {
        if (resource is IVersionableConformanceResource canonical)
        {
            entity.Url = canonical.Url;
            entity.Version = canonical.Version;
            entity.Name = canonical.Name;
            entity.Title = resource switch
            {
                CodeSystem c => c.Title,
                ValueSet v => v.Title,
                ConceptMap m => m.Title,
                PlanDefinition p => p.Title,
                _ => null,
            };
            entity.Status = canonical.Status is { } s ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(s) : null;
        }
        else if (resource is PlanDefinition pd)
        {
            // Firely's R4 PlanDefinition is not an IVersionableConformanceResource, but it is a canonical resource.
            entity.Url = pd.Url;
            entity.Version = pd.Version;
            entity.Name = pd.Name;
            entity.Title = pd.Title;
            entity.Status = pd.Status is { } s ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(s) : null;
        }
        else if (resource is NamingSystem ns)
        {
            entity.Name = ns.Name;
            entity.Status = ns.Status is { } s ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(s) : null;
        }

        if (resource is CodeSystem cs)
        {
            entity.Content = cs.Content is { } c ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(c) : null;
            entity.ConceptCount = CountConcepts(cs.Concept);
        }
    }

    private static string SerializeWithoutConcepts(Resource resource)
    {
        if (resource is not CodeSystem cs)
        {
            return FhirJson.Serialize(resource);
        }

        var concepts = cs.Concept;
        cs.Concept = [];
        try
        {
            return FhirJson.Serialize(cs);
        }
        finally
        {
            cs.Concept = concepts;
        }
    }

    private async System.Threading.Tasks.Task InsertConceptsAsync(CodeSystem cs, long key, CancellationToken ct) =>
        await ConceptWriter.WriteAsync(db, key, ConceptRows.FromFhir(cs), ConceptWriter.DefaultBatchSize, null, ct);

    /// <summary>
    /// The next version of a resource row, for a resource write and an import alike: version id, last updated (to
    /// the millisecond, as the database keeps it), content hash, the resource's meta and the searchable columns.
    /// </summary>
    /// <summary>
    /// The row of the resource's next version, for a resource write and an import alike: the current version (if any)
    /// goes to the history, a new row continues after the last stored version (a deletion marker included), and the
    /// version id, timestamp and hash are stepped.
    /// </summary>
    internal static async Task<ResourceEntity> NextVersionAsync(
        TerminologyDbContext db, ResourceEntity? current, string type, string id, Resource resource, string hash, int? keepHistory, TimeProvider clock, CancellationToken ct)
    {
        if (current is not null)
        {
            await ResourceHistory.ArchiveAsync(db, current, keepHistory, ct);
        }

        var entity = current ?? db.Resources.Add(new ResourceEntity
        {
            ResourceType = type, LogicalId = id, ContentHash = hash, Json = "",
            VersionId = await ResourceHistory.LastVersionAsync(db, type, id, ct),
        }).Entity;
        NewVersion(entity, resource, hash, clock);
        return entity;
    }

    internal static void NewVersion(ResourceEntity entity, Resource resource, string hash, TimeProvider clock)
    {
        entity.VersionId++;
        var now = clock.GetUtcNow();
        entity.LastUpdated = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        entity.ContentHash = hash;
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = entity.VersionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = entity.LastUpdated;
        Describe(entity, resource);
    }

    /// <summary>The change row that tells every server's synchronizer to refresh this resource.</summary>
    internal static void RecordChange(TerminologyDbContext db, ResourceEntity entity) =>
        db.Changes.Add(new ChangeEntity { ResourceType = entity.ResourceType, LogicalId = entity.LogicalId, ResourceKey = entity.Key, At = entity.LastUpdated });

    /// <summary>The number of concepts in a concept tree, nested ones included.</summary>
    public static int CountConcepts(List<CodeSystem.ConceptDefinitionComponent> concepts) =>
        concepts.Count + concepts.Sum(c => CountConcepts(c.Concept));

    private System.Threading.Tasks.Task DeleteConceptsAsync(long key, CancellationToken ct) => DeleteConceptsAsync(db, key, ct);

    internal static async System.Threading.Tasks.Task DeleteConceptsAsync(TerminologyDbContext db, long key, CancellationToken ct)
    {
        await db.ConceptDesignations.Where(c => c.ResourceKey == key).ExecuteDeleteAsync(ct);
        await db.ConceptProperties.Where(c => c.ResourceKey == key).ExecuteDeleteAsync(ct);
        await db.ConceptParents.Where(c => c.ResourceKey == key).ExecuteDeleteAsync(ct);
        await db.Concepts.Where(c => c.ResourceKey == key).ExecuteDeleteAsync(ct);
    }
}
