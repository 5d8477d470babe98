using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Storage;

/// <summary>
/// Keeps the in-memory indexes in step with the database, the source of truth. At start it loads every stored
/// code system; afterwards it reads the <c>Changes</c> table past the last sequence number it has seen and
/// rebuilds or drops exactly the indexes whose resources changed. The API calls <see cref="SyncAsync"/> right
/// after its own writes; a background loop calls it every <see cref="StorageOptions.PollSeconds"/> to pick up
/// writes of other processes sharing the database.
/// </summary>
public sealed class IndexSynchronizer(IServiceScopeFactory scopes, CodeSystemRegistry codeSystems, ILogger<IndexSynchronizer> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastSeq = -1;

    /// <summary>Resources (other than CodeSystem) whose changes listeners want to hear about.</summary>
    public event Func<IServiceProvider, string, string, bool, CancellationToken, System.Threading.Tasks.Task>? ResourceChanged;

    /// <summary>
    /// Raised once, at the first load, with every stored resource other than CodeSystem, read in one query and not
    /// parsed (a listener may parse lazily). When a listener is attached it replaces the per-resource
    /// <see cref="ResourceChanged"/> calls of that first load (one query and one registry rebuild per value set made
    /// start-up quadratic).
    /// </summary>
    public event Action<IReadOnlyList<StoredResource>>? ResourcesLoaded;

    /// <summary>Applies every change committed since the last call (at first call: loads everything).</summary>
    public async System.Threading.Tasks.Task SyncAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TerminologyDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<ResourceStore>();
            if (_lastSeq < 0)
            {
                await LoadAllAsync(scope.ServiceProvider, db, store, ct);
                return;
            }

            var changes = await db.Changes.AsNoTracking().Where(c => c.Seq > _lastSeq).OrderBy(c => c.Seq).ToListAsync(ct);
            if (changes.Count == 0)
            {
                return;
            }

            var maxSeq = changes[^1].Seq;
            foreach (var change in changes.GroupBy(c => (c.ResourceType, c.LogicalId)).Select(g => g.Last()))
            {
                if (change.ResourceType == Snomed.SnomedStore.ChangeType)
                {
                    await RefreshSnomedAsync(scope.ServiceProvider, change.LogicalId, maxSeq, ct);
                }
                else if (change.ResourceType == "CodeSystem")
                {
                    await RefreshCodeSystemAsync(db, store, change.LogicalId, maxSeq, ct);
                }
                else
                {
                    await NotifyAsync(scope.ServiceProvider, change.ResourceType, change.LogicalId, change.Deleted, ct);
                }
            }

            Interlocked.Exchange(ref _lastSeq, maxSeq);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async System.Threading.Tasks.Task LoadAllAsync(IServiceProvider services, TerminologyDbContext db, ResourceStore store, CancellationToken ct)
    {
        // Read the high-water mark first: a change committed while loading is applied again next time, never lost.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seq = await db.Changes.MaxAsync(c => (long?)c.Seq, ct) ?? 0;
        var entities = await db.Resources.AsNoTracking().Where(r => r.ResourceType == "CodeSystem").ToListAsync(ct);
        var rows = await store.LoadAllConceptRowsAsync(ct);
        var read = clock.Elapsed;
        var indexes = new List<KeyValuePair<string, CodeSystemIndex>>(entities.Count);
        foreach (var entity in entities)
        {
            indexes.Add(new(entity.LogicalId, CodeSystemIndexLoader.Build(entity, rows.GetValueOrDefault(entity.Key) ?? new ConceptRows(), seq)));
        }

        rows.Clear();
        codeSystems.PutAll(indexes);
        var snomed = services.GetRequiredService<Snomed.SnomedStore>();
        foreach (var uri in await snomed.UrisAsync(ct))
        {
            // The concept rows just indexed (millions with LOINC and RxNorm at full size) are garbage now; collected
            // before an edition is read, they are not still held beside its builder (start-up peak RSS with SNOMED CT,
            // LOINC and RxNorm at full size: 3.98 -> 3.32 GB).
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            await RefreshSnomedAsync(services, uri, seq, ct);
        }

        var built = clock.Elapsed;
        if (ResourcesLoaded is { } loaded)
        {
            loaded(await db.Resources.AsNoTracking().Where(r => r.ResourceType != "CodeSystem")
                .Select(r => new StoredResource(r.ResourceType, r.LogicalId, r.Url, r.Version, r.Json)).ToListAsync(ct));
        }
        else if (ResourceChanged is not null)
        {
            var others = await db.Resources.AsNoTracking().Where(r => r.ResourceType != "CodeSystem")
                .Select(r => new { r.ResourceType, r.LogicalId }).ToListAsync(ct);
            foreach (var o in others)
            {
                await NotifyAsync(services, o.ResourceType, o.LogicalId, false, ct);
            }
        }

        logger.LogInformation("Loaded {Count} code systems into memory (change sequence {Seq}): rows read in {Read:F2} s, indexes built in {Built:F2} s, other resources in {Others:F2} s.",
            entities.Count, seq, read.TotalSeconds, (built - read).TotalSeconds, (clock.Elapsed - built).TotalSeconds);
        Interlocked.Exchange(ref _lastSeq, seq);
    }

    /// <summary>
    /// Calls the listeners one after the other: invoking a multicast async delegate would start them all at once
    /// on one scope (one DbContext) and await only the last.
    /// </summary>
    private async System.Threading.Tasks.Task NotifyAsync(IServiceProvider services, string type, string id, bool deleted, CancellationToken ct)
    {
        if (ResourceChanged is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<IServiceProvider, string, string, bool, CancellationToken, System.Threading.Tasks.Task>>())
        {
            await handler(services, type, id, deleted, ct);
        }
    }

    /// <summary>The registry key of a SNOMED CT edition version (beside the CodeSystem resources' logical ids).</summary>
    public static string SnomedKey(string uri) => "snomed:" + uri;

    private async System.Threading.Tasks.Task RefreshSnomedAsync(IServiceProvider services, string uri, long seq, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var edition = await services.GetRequiredService<Snomed.SnomedStore>().LoadAsync(uri, ct);
        if (edition is null)
        {
            codeSystems.Remove(SnomedKey(uri));
            logger.LogInformation("Dropped SNOMED CT {Uri} from memory.", uri);
            return;
        }

        codeSystems.Put(SnomedKey(uri), TerminologyServer.Engine.Snomed.SnomedCodeSystem.Build(edition, seq));
        logger.LogInformation("Loaded SNOMED CT {Uri} ({Concepts} concepts, {Relationships} relationships) in {Seconds:0.0} s.", uri, edition.Count, edition.RelationshipCount, started.Elapsed.TotalSeconds);
    }

    private async System.Threading.Tasks.Task RefreshCodeSystemAsync(TerminologyDbContext db, ResourceStore store, string id, long seq, CancellationToken ct)
    {
        var entity = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.ResourceType == "CodeSystem" && r.LogicalId == id, ct);
        if (entity is null)
        {
            codeSystems.Remove(id);
            logger.LogInformation("Dropped code system {Id} from memory.", id);
            return;
        }

        codeSystems.Put(id, await CodeSystemIndexLoader.LoadAsync(store, entity, seq, ct));
        logger.LogInformation("Rebuilt code system {Id} ({Url}|{Version}) in memory.", id, entity.Url, entity.Version);
    }
}

/// <summary>A stored resource as its row holds it: type, id, canonical url and version, and its JSON (unparsed).</summary>
public sealed record StoredResource(string Type, string Id, string? Url, string? Version, string Json);
