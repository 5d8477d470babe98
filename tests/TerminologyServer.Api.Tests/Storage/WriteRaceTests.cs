using System.Net;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Api.Tests.Resources;
using TerminologyServer.Storage;
using TerminologyServer.Import;

namespace TerminologyServer.Api.Tests.Storage;

/// <summary>
/// Two writers on one database ("process A" = the server, "process B" = another process) never lose an update:
/// the stored version id is a concurrency token, a PUT may name the version it is based on (If-Match).
/// </summary>
public abstract class WriteRaceTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : WriteRaceFixture
{
    protected TFixture Fixture { get; } = fixture;

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTwoContextsReadingVersion1_WhenBothWriteItBack_ThenTheSecondWriteFails()
    {
        Fixture.SkipIfUnavailable();
        var (id, url) = await CreateAsync();
        await using var a = Fixture.OtherContext();
        var row = await a.Resources.SingleAsync(r => r.ResourceType == "CodeSystem" && r.LogicalId == id);

        Assert.Equal(WriteOutcome.Updated, await Fixture.OtherSavesAsync(Sample(id, url, "From B")));
        row.VersionId++;
        row.Title = "From A";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => a.SaveChangesAsync());
        await AssertStoredAsync(id, "2", "From B");
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnotherWriterStoredVersion2_WhenPutWithIfMatchVersion1_Then412AndVersion2Stays()
    {
        Fixture.SkipIfUnavailable();
        var (id, url) = await CreateAsync();
        Assert.Equal(WriteOutcome.Updated, await Fixture.OtherSavesAsync(Sample(id, url, "From B")));

        var stale = await PutAsync(id, Sample(id, url, "From A"), "W/\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var outcome = await Wire.ReadOutcomeAsync(stale);
        Assert.Equal(OperationOutcome.IssueType.Conflict, outcome.Issue[0].Code);
        Assert.Contains("version 2, not 1", outcome.Issue[0].Diagnostics);
        await AssertStoredAsync(id, "2", "From B");

        var current = await PutAsync(id, Sample(id, url, "From A"), "W/\"2\"");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("W/\"3\"", current.Headers.ETag?.ToString());
        await AssertStoredAsync(id, "3", "From A");
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenIfMatch_WhenMalformedOrForAMissingResource_Then400Or412AndNothingStored()
    {
        Fixture.SkipIfUnavailable();
        var id = "race-" + Guid.NewGuid().ToString("N")[..12];
        var url = $"http://example.org/race/{id}";

        var malformed = await PutAsync(id, Sample(id, url, "x"), "version-one");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("If-Match", (await Wire.ReadOutcomeAsync(malformed)).Issue[0].Diagnostics);

        var missing = await PutAsync(id, Sample(id, url, "x"), "W/\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Fixture.Writer.GetAsync($"/fhir/CodeSystem/{id}")).StatusCode);
    }

    protected static CodeSystem Sample(string id, string url, string display)
    {
        var cs = CrudTests<SqliteFixture>.SampleCodeSystem(url);
        cs.Id = id;
        cs.Concept[0].Display = display;
        return cs;
    }

    /// <summary>Creates a code system through the server: version 1, display "Original".</summary>
    protected async Task<(string Id, string Url)> CreateAsync()
    {
        var id = "race-" + Guid.NewGuid().ToString("N")[..12];
        var url = $"http://example.org/race/{id}";
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(id, Sample(id, url, "Original"))).StatusCode);
        return (id, url);
    }

    protected async Task<HttpResponseMessage> PutAsync(string id, CodeSystem cs, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/CodeSystem/{id}") { Content = Wire.JsonBody(cs) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Fixture.Writer.SendAsync(request);
    }

    /// <summary>The stored code system has <paramref name="version"/> and the first concept's display of that version.</summary>
    protected async System.Threading.Tasks.Task AssertStoredAsync(string id, string version, string display)
    {
        var stored = await Wire.ReadAsync<CodeSystem>(await Fixture.Writer.GetAsync($"/fhir/CodeSystem/{id}"));
        Assert.Equal(version, stored.Meta.VersionId);
        Assert.Equal(display, stored.Concept[0].Display);
        await using var db = Fixture.OtherContext();
        Assert.Equal(int.Parse(version, System.Globalization.CultureInfo.InvariantCulture), await db.Changes.CountAsync(c => c.LogicalId == id));
    }
}

/// <summary>
/// SQLite: a write starts with BEGIN IMMEDIATE, so a second process's write waits for the first to commit and
/// cannot interleave inside one; the concurrency token and If-Match still hold.
/// </summary>
public sealed class SqliteWriteRaceTests(SqliteWriteRaceFixture fixture) : WriteRaceTests<SqliteWriteRaceFixture>(fixture);

/// <summary>
/// PostgreSQL (read committed): another process can store a version between the server's read and its write.
/// <see cref="Race"/> runs that other write exactly there.
/// </summary>
public sealed class PostgresWriteRaceTests(PostgresWriteRaceFixture fixture) : WriteRaceTests<PostgresWriteRaceFixture>(fixture)
{
    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnotherProcessWritesBetweenReadAndUpdate_WhenPut_Then409AndItsVersionStays()
    {
        Fixture.SkipIfUnavailable();
        var (id, url) = await CreateAsync();
        Fixture.Race.Arm("UPDATE \"Resources\"", () => Fixture.OtherSavesAsync(Sample(id, url, "From B")));

        var lost = await PutAsync(id, Sample(id, url, "From A"));

        Assert.Equal(1, Fixture.Race.Fired);
        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        var outcome = await Wire.ReadOutcomeAsync(lost);
        Assert.Equal(OperationOutcome.IssueType.Conflict, outcome.Issue[0].Code);
        Assert.Contains("changed or deleted by another writer meanwhile", outcome.Issue[0].Diagnostics);
        await AssertStoredAsync(id, "2", "From B");
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnotherProcessCreatesTheSameIdFirst_WhenPutCreates_Then409()
    {
        Fixture.SkipIfUnavailable();
        var id = "race-" + Guid.NewGuid().ToString("N")[..12];
        var url = $"http://example.org/race/{id}";
        Fixture.Race.Arm("INSERT INTO \"Resources\"", () => Fixture.OtherSavesAsync(Sample(id, url, "From B")));

        var lost = await PutAsync(id, Sample(id, url, "From A"));

        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        Assert.Contains("created by another writer meanwhile", (await Wire.ReadOutcomeAsync(lost)).Issue[0].Diagnostics);
        await AssertStoredAsync(id, "1", "From B");
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnotherProcessUpdatesWhileDeleting_WhenDelete_Then409AndTheUpdateStays()
    {
        Fixture.SkipIfUnavailable();
        var (id, url) = await CreateAsync();
        Fixture.Race.Arm("DELETE FROM \"ConceptDesignations\"", () => Fixture.OtherSavesAsync(Sample(id, url, "From B")));

        var lost = await Fixture.Writer.DeleteAsync($"/fhir/CodeSystem/{id}");

        Assert.Equal(1, Fixture.Race.Fired);
        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        await AssertStoredAsync(id, "2", "From B");
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnotherProcessWritesDuringAnImport_WhenImporting_ThenTheImportRunsAgainOnFreshStateAndWins()
    {
        Fixture.SkipIfUnavailable();
        var (id, url) = await CreateAsync();
        var folder = Path.Combine(Path.GetTempPath(), "terminology-tests", "race-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "cs.json");
        await File.WriteAllTextAsync(file, FhirJson.Serialize(Sample(id, url, "Imported")));
        Fixture.Race.Arm("UPDATE \"Resources\"", () => Fixture.OtherSavesAsync(Sample(id, url, "From B")));
        try
        {
            using var scope = Fixture.Services.CreateScope();
            var summary = await scope.ServiceProvider.GetRequiredService<FhirContentImporter>().ImportAsync(file);

            Assert.Equal(1, Fixture.Race.Fired);
            Assert.Equal(1, summary.Updated);
            await AssertStoredAsync(id, "3", "Imported");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
