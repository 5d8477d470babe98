using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.Closures;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Storage.Closures;

namespace TerminologyServer.Api.Endpoints;

/// <summary>
/// <c>POST [base]/$closure</c> (https://hl7.org/fhir/R4/conceptmap-operation-closure.html): initialise a closure table
/// (name only), add concepts to it (name and concept…), or resynchronise (name and version). The answer is always a
/// ConceptMap carrying the closure's version and the rows the client should add.
/// </summary>
public static class ClosureEndpoints
{
    // One closure update at a time in this process, so concurrent calls queue instead of losing the version race;
    // another server on the same database is caught by the version concurrency token (409).
    private static readonly SemaphoreSlim Writes = new(1, 1);

    public static RouteGroupBuilder MapClosureApi(this RouteGroupBuilder fhir)
    {
        fhir.MapPost("/$closure", ClosureAsync);
        return fhir;
    }

    private static async Task<IResult> ClosureAsync(
        HttpContext context, OperationInputReader reader, ClosureService closures, ClosureStore store, CodeSystemRegistry codeSystems, TimeProvider clock)
    {
        var input = await reader.ReadAsync(context.Request);
        var name = ClosureService.CheckName(input.String("name"));
        var concepts = input.Codings("concept");
        var version = input.String("version");
        ClosureService.CheckConcepts(concepts);
        if (version is not null && concepts.Count > 0)
        {
            throw FhirHttpException.BadRequest("Send either concepts to add or a version to resynchronise from, not both in one $closure call.");
        }

        var ct = context.RequestAborted;
        await Writes.WaitAsync(ct);
        try
        {
            var table = await store.LoadAsync(name, ct);
            if (version is null && concepts.Count == 0)
            {
                var created = table is null ? await store.CreateAsync(name, ct) : throw ClosureStore.AlreadyInitialised(name);
                return Answer(name, created.Version, [], clock);
            }

            if (table is null)
            {
                throw ClosureStore.Unknown(name);
            }

            if (version is not null)
            {
                return Answer(name, table.Version, ClosureService.Since(table, version), clock);
            }

            var update = closures.AddConcepts(table, concepts, codeSystems);
            if (!update.IsEmpty)
            {
                await store.AppendAsync(table, update, ct);
            }

            return Answer(name, update.Version, update.Entries, clock);
        }
        finally
        {
            Writes.Release();
        }
    }

    private static IResult Answer(string name, int version, IEnumerable<ClosureEntry> entries, TimeProvider clock) =>
        FhirResults.Ok(ClosureService.ToConceptMap(name, version, entries, clock.GetUtcNow()));
}
