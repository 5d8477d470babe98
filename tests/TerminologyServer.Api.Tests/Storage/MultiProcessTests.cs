using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Api.Tests.Resources;

namespace TerminologyServer.Api.Tests.Storage;

/// <summary>
/// Two server processes on one database: a write through one is answered by the other within the poll
/// interval (0.2 s in tests). Each host is a separate WebApplicationFactory with its own in-memory indexes.
/// </summary>
public sealed class MultiProcessTests
{
    [Fact]
    public async System.Threading.Tasks.Task GivenTwoHostsOnOneSqliteFileInWal_WhenOneWrites_ThenTheOtherSeesIt()
    {
        var settings = await TestDatabases.NewSqliteAsync();
        await AssertSecondHostSeesChangesAsync(settings);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTwoHostsOnOnePostgresDatabase_WhenOneWrites_ThenTheOtherSeesIt()
    {
        if (TestDatabases.PostgresConnectionString is null)
        {
            Assert.False(TestDatabases.RequirePostgres, $"CI=true but {TestDatabases.PostgresVariable} is not set.");
            Skip.If(true, "PostgreSQL not configured.");
        }

        var settings = await TestDatabases.NewPostgresAsync();
        try
        {
            await AssertSecondHostSeesChangesAsync(settings);
        }
        finally
        {
            await TestDatabases.DropPostgresAsync(new Npgsql.NpgsqlConnectionStringBuilder(settings["Storage:ConnectionString"]).Database!);
        }
    }

    private static async System.Threading.Tasks.Task AssertSecondHostSeesChangesAsync(Dictionary<string, string?> settings)
    {
        await using var first = new ApiFactory(settings);
        await using var second = new ApiFactory(settings);
        var writer = first.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new("Bearer", TestDatabases.TestApiKey);
        var reader = second.CreateClient();
        var url = $"http://example.org/shared/{Guid.NewGuid():N}";
        var lookup = $"/fhir/CodeSystem/$lookup?system={url}&code=a1";
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(lookup)).StatusCode);

        var cs = CrudTests<SqliteFixture>.SampleCodeSystem(url);
        cs.Id = "shared";
        Assert.Equal(HttpStatusCode.Created, (await writer.PutAsync("/fhir/CodeSystem/shared", Wire.JsonBody(cs))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PollAsync(reader, lookup, HttpStatusCode.OK));

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync("/fhir/CodeSystem/shared")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await PollAsync(reader, lookup, HttpStatusCode.NotFound));
    }

    /// <summary>Polls until the wanted status or 20 s (a bound, not a timing assertion).</summary>
    private static async Task<HttpStatusCode> PollAsync(HttpClient client, string path, HttpStatusCode wanted)
    {
        var status = HttpStatusCode.InternalServerError;
        for (var i = 0; i < 200 && status != wanted; i++)
        {
            status = (await client.GetAsync(path)).StatusCode;
            if (status != wanted)
            {
                await System.Threading.Tasks.Task.Delay(100);
            }
        }

        return status;
    }
}
