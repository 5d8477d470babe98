using Hl7.Fhir.Model;
using TerminologyServer.Engine;
using TerminologyServer.Engine.Closures;
using TerminologyServer.Storage.Closures;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Storage.Tests.Closures;

/// <summary><see cref="ClosureStore"/> without HTTP: a closure reads back as written, in order, and a stale or second writer stores nothing.</summary>
public abstract class ClosureStoreTests<TStorage>(TStorage storage) : IClassFixture<TStorage> where TStorage : TestStorage
{
    private const string Sys = "http://example.org/cs/closure-store";
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static ClosureUpdate Update(int version, params (string Code, string Target)[] rows) => new(
        version,
        rows.Select(r => new ClosureConcept(Sys, r.Code, null, version)).ToList(),
        rows.Select(r => new ClosureEntry(Sys, r.Code, r.Target, ConceptMapEquivalence.Subsumes, version)).ToList());

    [SkippableFact]
    public async Task Given_a_closure_with_two_updates_When_loaded_in_another_context_Then_version_concepts_and_rows_come_back_in_order()
    {
        storage.SkipIfUnavailable();
        var name = "store-" + Guid.NewGuid().ToString("N");
        await using (var db = storage.NewContext())
        {
            var store = new ClosureStore(db, Clock);
            var v1 = await store.CreateAsync(name);
            await store.AppendAsync(v1, Update(2, ("b", "a")));
            var v2 = (await store.LoadAsync(name))!;
            await store.AppendAsync(v2, new ClosureUpdate(3, [new ClosureConcept(Sys, "c", "2.0", 3)],
                [new ClosureEntry(Sys, "c", "a", ConceptMapEquivalence.Subsumes, 3), new ClosureEntry(Sys, "c", "b", ConceptMapEquivalence.Specializes, 3)]));
        }

        await using var other = storage.NewContext();
        var table = (await new ClosureStore(other, Clock).LoadAsync(name))!;

        Assert.Equal(3, table.Version);
        Assert.Equal(["b", "c"], table.Concepts.Select(c => c.Code));
        Assert.Equal([null, "2.0"], table.Concepts.Select(c => c.SystemVersion));
        Assert.Equal(["b>a@2:Subsumes", "c>a@3:Subsumes", "c>b@3:Specializes"], table.Entries.Select(e => $"{e.Code}>{e.TargetCode}@{e.AddedIn}:{e.Equivalence}"));
        Assert.Null(await new ClosureStore(other, Clock).LoadAsync(name + "-none"));
    }

    [SkippableFact]
    public async Task Given_a_stale_table_When_appended_Then_conflict_and_nothing_is_stored()
    {
        storage.SkipIfUnavailable();
        var name = "stale-" + Guid.NewGuid().ToString("N");
        ClosureTable v1;
        await using (var db = storage.NewContext())
        {
            v1 = await new ClosureStore(db, Clock).CreateAsync(name);
            await new ClosureStore(db, Clock).AppendAsync(v1, Update(2, ("b", "a")));
        }

        await using (var late = storage.NewContext())
        {
            var ex = await Assert.ThrowsAsync<TerminologyException>(() => new ClosureStore(late, Clock).AppendAsync(v1, Update(2, ("c", "a"))));
            Assert.Equal(OperationOutcome.IssueType.Conflict, ex.IssueType);
        }

        await using var check = storage.NewContext();
        var table = (await new ClosureStore(check, Clock).LoadAsync(name))!;
        Assert.Equal(2, table.Version);
        Assert.Equal(["b"], table.Concepts.Select(c => c.Code));
    }

    [SkippableFact]
    public async Task Given_a_name_in_use_When_created_again_Then_duplicate()
    {
        storage.SkipIfUnavailable();
        var name = "twice-" + Guid.NewGuid().ToString("N");
        await using (var db = storage.NewContext())
        {
            await new ClosureStore(db, Clock).CreateAsync(name);
        }

        await using var again = storage.NewContext();
        var ex = await Assert.ThrowsAsync<TerminologyException>(() => new ClosureStore(again, Clock).CreateAsync(name));
        Assert.Equal(OperationOutcome.IssueType.Duplicate, ex.IssueType);
    }
}

public sealed class SqliteClosureStoreTests(SqliteStorage storage) : ClosureStoreTests<SqliteStorage>(storage);

public sealed class PostgresClosureStoreTests(PostgresStorage storage) : ClosureStoreTests<PostgresStorage>(storage);
