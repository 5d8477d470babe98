using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Storage;

/// <summary>A write that fails half-way leaves the previous state untouched: no half-written code system.</summary>
public sealed class AtomicWriteTests
{
    [Fact]
    public async System.Threading.Tasks.Task GivenStoredCodeSystem_WhenAnUpdateFailsWhileWritingProperties_ThenThePreviousVersionStaysWhole()
    {
        await using var factory = new ApiFactory(await TestDatabases.NewSqliteAsync());
        var writer = factory.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new("Bearer", TestDatabases.TestApiKey);
        var cs = Resources.CrudTests<SqliteFixture>.SampleCodeSystem("http://example.org/atomic");
        cs.Id = "atomic";
        Assert.Equal(HttpStatusCode.Created, (await writer.PutAsync("/fhir/CodeSystem/atomic", Wire.JsonBody(cs))).StatusCode);

        var changed = Resources.CrudTests<SqliteFixture>.SampleCodeSystem("http://example.org/atomic");
        changed.Id = "atomic";
        changed.Concept[0].Display = "Changed";
        changed.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "z", Display = "Zed", Property = [new() { Code = "colour", Value = new FhirString("blue") }] });
        // The database itself refuses the property rows half-way, whichever path (EF or prepared statements) writes them.
        await SqlAsync(factory, "CREATE TRIGGER fail_properties BEFORE INSERT ON \"ConceptProperties\" BEGIN SELECT RAISE(ABORT, 'simulated failure half-way through a write'); END;");
        var failed = await writer.PutAsync("/fhir/CodeSystem/atomic", Wire.JsonBody(changed));
        await SqlAsync(factory, "DROP TRIGGER fail_properties;");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("correlation id", (await Wire.ReadOutcomeAsync(failed)).Issue[0].Diagnostics);
        var stored = await Wire.ReadAsync<CodeSystem>(await writer.GetAsync("/fhir/CodeSystem/atomic"));
        Assert.Equal("1", stored.Meta.VersionId);
        Assert.Equal("Alpha", stored.Concept[0].Display);
        Assert.Equal(["a", "b"], stored.Concept.Select(c => c.Code));
        Assert.Equal("red", stored.Concept[0].Concept[0].Property[0].Value.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync("/fhir/CodeSystem/$lookup?system=http://example.org/atomic&code=z")).StatusCode);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminologyDbContext>();
        var key = (await db.Resources.SingleAsync(r => r.LogicalId == "atomic")).Key;
        Assert.Equal(3, await db.Concepts.CountAsync(c => c.ResourceKey == key));
    }

    private static async System.Threading.Tasks.Task SqlAsync(WebApplicationFactory<Program> factory, string sql)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<TerminologyDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
