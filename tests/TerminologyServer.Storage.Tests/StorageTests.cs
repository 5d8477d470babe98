using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Import;
using TerminologyServer.Storage.Import;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Storage.Tests;

/// <summary>
/// The storage layer without HTTP: a CodeSystem written by <see cref="ResourceStore"/> or <see cref="CodeSystemImporter"/>
/// reads back as the same index, versions step with history kept, and a failed import leaves nothing behind.
/// </summary>
public abstract class StorageTests<TStorage>(TStorage storage) : IClassFixture<TStorage> where TStorage : TestStorage
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    [SkippableFact]
    public async Task Given_a_code_system_with_hierarchy_properties_and_designations_When_saved_and_loaded_Then_the_index_holds_all_of_it()
    {
        storage.SkipIfUnavailable();
        var id = NewId();
        await using (var db = storage.NewContext())
        {
            Assert.Equal(WriteOutcome.Created, await new ResourceStore(db, Clock).SaveAsync(Sample(id, "1")));
        }

        var index = await LoadAsync(id);

        Assert.Equal(["a", "a1", "b"], index.Concepts.Select(c => c.Code));
        var a = index.Find("a")!;
        var a1 = index.Find("a1")!;
        Assert.Equal("the letter a", a.Definition);
        Assert.Equal([a.Index], a1.Parents);
        Assert.True(index.Subsumes(a, a1));
        Assert.Equal(("de", "Ah"), (a.Designations.Single().Language, a.Designations.Single().Value));
        Assert.Equal("red", a.PropertiesNamed("colour").Single().Value);
        Assert.True(index.Find("b")!.IsInactive);
    }

    [SkippableFact]
    public async Task Given_a_saved_code_system_When_updated_twice_Then_the_version_steps_and_history_keeps_each_version()
    {
        storage.SkipIfUnavailable();
        var id = NewId();
        foreach (var title in new[] { "First", "Second", "Third" })
        {
            await using var db = storage.NewContext();
            var cs = Sample(id, "1");
            cs.Title = title;
            await new ResourceStore(db, Clock).SaveAsync(cs);
        }

        await using (var db = storage.NewContext())
        {
            var entity = await new ResourceStore(db, Clock).FindAsync("CodeSystem", id);
            var history = await ResourceHistory.ListAsync(db, "CodeSystem", id, null, 10);
            var first = await ResourceHistory.ReadVersionAsync(db, "CodeSystem", id, 1);

            Assert.Equal(3, entity!.VersionId);
            // The current version lives in the resource table; history holds each earlier one.
            Assert.Equal([2, 1], history.Select(h => h.VersionId).OrderDescending());
            Assert.Equal("First", ((CodeSystem)first!.Resource!).Title);
        }

        Assert.Equal(3, (await LoadAsync(id)).Concepts.Length);
    }

    [SkippableFact]
    public async Task Given_an_imported_code_system_When_the_same_source_is_imported_again_Then_nothing_changes()
    {
        storage.SkipIfUnavailable();
        var id = NewId();
        var source = Imported(id, "hash-1", failAfter: null);

        ImportSummary first, second;
        await using (var db = storage.NewContext())
        {
            first = await new CodeSystemImporter(db, Clock) { BatchSize = 2 }.ImportAsync(source);
        }

        await using (var db = storage.NewContext())
        {
            second = await new CodeSystemImporter(db, Clock).ImportAsync(source);
        }

        Assert.Equal((WriteOutcome.Created, 5, 4), (first.Outcome, first.Concepts, first.Parents));
        Assert.Equal(WriteOutcome.Unchanged, second.Outcome);
        var index = await LoadAsync(id);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], index.Concepts.Select(c => c.Code));
        Assert.True(index.Subsumes(index.Find("c0")!, index.Find("c4")!));
    }

    [SkippableFact]
    public async Task Given_an_import_that_fails_after_some_batches_When_imported_Then_nothing_is_stored()
    {
        storage.SkipIfUnavailable();
        var id = NewId();
        await using (var db = storage.NewContext())
        {
            await new CodeSystemImporter(db, Clock).ImportAsync(Imported(id, "v1", failAfter: null));
        }

        await using (var db = storage.NewContext())
        {
            var importer = new CodeSystemImporter(db, Clock) { BatchSize = 1 };
            await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync(Imported(id, "v2", failAfter: 3)));
        }

        await using (var db = storage.NewContext())
        {
            var entity = await new ResourceStore(db, Clock).FindAsync("CodeSystem", id);
            Assert.Equal((1, "v1"), (entity!.VersionId, entity.ContentHash));
            Assert.Equal(0, await ResourceHistory.CountAsync(db, "CodeSystem", id, null));
        }

        Assert.Equal(5, (await LoadAsync(id)).Concepts.Length);
    }

    private async Task<CodeSystemIndex> LoadAsync(string id)
    {
        await using var db = storage.NewContext();
        var store = new ResourceStore(db, Clock);
        var entity = await store.FindAsync("CodeSystem", id) ?? throw new InvalidOperationException($"CodeSystem/{id} is not stored.");
        return await CodeSystemIndexLoader.LoadAsync(store, entity, revision: 1);
    }

    private static string NewId() => "cs-" + Guid.NewGuid().ToString("N")[..12];

    private static CodeSystem Sample(string id, string version) => new()
    {
        Id = id, Url = $"http://example.org/cs/{id}", Version = version, Status = PublicationStatus.Active,
        Content = CodeSystemContentMode.Complete, HierarchyMeaning = CodeSystem.CodeSystemHierarchyMeaning.IsA,
        Property =
        [
            new() { Code = "colour", Type = CodeSystem.PropertyType.String },
            new() { Code = "status", Type = CodeSystem.PropertyType.Code },
        ],
        Concept =
        [
            new()
            {
                Code = "a", Display = "A", Definition = "the letter a",
                Designation = [new() { Language = "de", Value = "Ah" }],
                Property = [new() { Code = "colour", Value = new FhirString("red") }],
                Concept = [new() { Code = "a1", Display = "A one" }],
            },
            new() { Code = "b", Display = "B", Property = [new() { Code = "status", Value = new Code("retired") }] },
        ],
    };

    /// <summary>Five concepts in a chain c0 ← c1 ← … ← c4; with <paramref name="failAfter"/> the reader stops with an error after that many.</summary>
    private static ImportedCodeSystem Imported(string id, string hash, int? failAfter)
    {
        var header = new CodeSystem
        {
            Id = id, Url = $"http://example.org/cs/{id}", Version = "1", Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Complete, HierarchyMeaning = CodeSystem.CodeSystemHierarchyMeaning.IsA,
        };
        return new ImportedCodeSystem(header, hash, [], _ => Concepts(failAfter));

        static IEnumerable<ImportedConcept> Concepts(int? failAfter)
        {
            for (var i = 0; i < 5; i++)
            {
                if (i == failAfter)
                {
                    throw new ImportException($"line {i + 1}: a broken line");
                }

                var c = new ImportedConcept($"c{i}", $"Concept {i}");
                yield return i == 0 ? c : c.Parent($"c{i - 1}");
            }
        }
    }
}

public sealed class SqliteStorageTests(SqliteStorage storage) : StorageTests<SqliteStorage>(storage);

public sealed class PostgresStorageTests(PostgresStorage storage) : StorageTests<PostgresStorage>(storage);
