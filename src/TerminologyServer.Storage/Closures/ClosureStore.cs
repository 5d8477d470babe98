using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using TerminologyServer.Engine;
using TerminologyServer.Engine.Closures;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage.Closures;

/// <summary>
/// The closure tables of <c>$closure</c> in the database, so that they outlive the process. A table is small (at most
/// <see cref="ClosureService.MaxConceptsPerTable"/> concepts) and read only by the operation, so it is read whole per
/// call rather than kept in memory; an update is one SaveChanges (one transaction) guarded by the version.
/// </summary>
public sealed class ClosureStore(TerminologyDbContext db, TimeProvider clock)
{
    /// <summary>The table named <paramref name="name"/>, or null when it was never initialised.</summary>
    public async Task<ClosureTable?> LoadAsync(string name, CancellationToken ct = default)
    {
        var closure = await db.Closures.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, ct);
        if (closure is null)
        {
            return null;
        }

        var concepts = await db.ClosureConcepts.AsNoTracking().Where(c => c.ClosureKey == closure.Key).OrderBy(c => c.Seq)
            .Select(c => new ClosureConcept(c.System, c.Code, c.SystemVersion, c.AddedIn)).ToListAsync(ct);
        var entries = await db.ClosureEntries.AsNoTracking().Where(e => e.ClosureKey == closure.Key).OrderBy(e => e.Seq).ToListAsync(ct);
        return new ClosureTable(closure.Name, closure.Version, concepts,
            entries.Select(e => new ClosureEntry(e.System, e.Code, e.TargetCode, ParseEquivalence(e.Equivalence), e.AddedIn)).ToList());
    }

    /// <summary>Stores a new, empty table at <see cref="ClosureService.InitialVersion"/>; a name already taken is a 409 conflict.</summary>
    public async Task<ClosureTable> CreateAsync(string name, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        db.Closures.Add(new ClosureEntity { Name = name, Version = ClosureService.InitialVersion, CreatedAt = now, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            // The unique name index: another request (or server) initialised the same name meanwhile.
            if (await db.Closures.AnyAsync(c => c.Name == name, ct))
            {
                throw AlreadyInitialised(name);
            }

            throw new InvalidOperationException($"The closure '{name}' could not be stored.", e);
        }

        return ClosureTable.Initial(name);
    }

    /// <summary>
    /// Appends <paramref name="update"/> to <paramref name="table"/> as it was read. If the stored version is no longer
    /// <c>table.Version</c> (another server added to the closure meanwhile) nothing is stored and the call is a 409 conflict.
    /// </summary>
    public async System.Threading.Tasks.Task AppendAsync(ClosureTable table, ClosureUpdate update, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var closure = await db.Closures.FirstOrDefaultAsync(c => c.Name == table.Name, ct)
            ?? throw Unknown(table.Name);
        if (closure.Version != table.Version)
        {
            throw Changed(table.Name);
        }

        closure.Version = update.Version;
        closure.UpdatedAt = clock.GetUtcNow();
        var seq = table.Concepts.Count;
        db.ClosureConcepts.AddRange(update.Concepts.Select(c => new ClosureConceptEntity
        {
            ClosureKey = closure.Key, Seq = seq++, System = c.System, Code = c.Code, SystemVersion = c.SystemVersion, AddedIn = c.AddedIn,
        }));
        seq = table.Entries.Count;
        db.ClosureEntries.AddRange(update.Entries.Select(e => new ClosureEntryEntity
        {
            ClosureKey = closure.Key, Seq = seq++, System = e.System, Code = e.Code, TargetCode = e.TargetCode,
            Equivalence = e.Equivalence == ConceptMapEquivalence.Subsumes ? "subsumes" : "specializes", AddedIn = e.AddedIn,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // The version token (or, in a race, the row keys) tells that another writer appended first.
            if (e is DbUpdateConcurrencyException || await VersionMovedAsync(closure.Key, table.Version, ct))
            {
                throw Changed(table.Name);
            }

            throw;
        }
    }

    /// <summary>The 404 for a closure name that was never initialised.</summary>
    public static TerminologyException Unknown(string name) => new(OperationOutcome.IssueType.NotFound, "CLOSURE_UNKNOWN",
        $"The closure '{name}' is not known: initialise it first with a $closure call that has only the name.")
    {
        TxIssueType = "not-found",
    };

    /// <summary>The 409 for initialising a name already in use.</summary>
    public static TerminologyException AlreadyInitialised(string name) => new(OperationOutcome.IssueType.Duplicate, "CLOSURE_EXISTS",
        $"The closure '{name}' is already initialised; send concepts to add to it, or version=0 to receive all of its rows again.");

    private static TerminologyException Changed(string name) => new(OperationOutcome.IssueType.Conflict, "CLOSURE_CHANGED",
        $"The closure '{name}' was changed by another request meanwhile; nothing was added. Send the concepts again.");

    private async Task<bool> VersionMovedAsync(long key, int version, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Closures.AsNoTracking().Where(c => c.Key == key).Select(c => c.Version).FirstOrDefaultAsync(ct) != version;
    }

    private static ConceptMapEquivalence ParseEquivalence(string code) => code switch
    {
        "subsumes" => ConceptMapEquivalence.Subsumes,
        "specializes" => ConceptMapEquivalence.Specializes,
        _ => throw new InvalidDataException($"A stored closure row has the equivalence '{code}', which this server never writes."),
    };
}
