using System.Data.Common;
using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        var failer = new FailOn("ConceptProperties");
        await using var factory = new ApiFactory(await TestDatabases.NewSqliteAsync())
            .WithWebHostBuilder(b => b.ConfigureServices(s => s.ConfigureDbContext<TerminologyDbContext>(o => o.AddInterceptors(failer))));
        var writer = factory.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new("Bearer", TestDatabases.TestApiKey);
        var cs = Resources.CrudTests<SqliteFixture>.SampleCodeSystem("http://example.org/atomic");
        cs.Id = "atomic";
        Assert.Equal(HttpStatusCode.Created, (await writer.PutAsync("/fhir/CodeSystem/atomic", Wire.JsonBody(cs))).StatusCode);

        var changed = Resources.CrudTests<SqliteFixture>.SampleCodeSystem("http://example.org/atomic");
        changed.Id = "atomic";
        changed.Concept[0].Display = "Changed";
        changed.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "z", Display = "Zed", Property = [new() { Code = "colour", Value = new FhirString("blue") }] });
        failer.Armed = true;
        var failed = await writer.PutAsync("/fhir/CodeSystem/atomic", Wire.JsonBody(changed));
        failer.Armed = false;

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

    /// <summary>Throws on the first command that writes to <paramref name="table"/> while armed.</summary>
    private sealed class FailOn(string table) : DbCommandInterceptor
    {
        public volatile bool Armed;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Check(DbCommand command)
        {
            if (Armed && command.CommandText.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Simulated failure half-way through a write.");
            }
        }
    }
}
