using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Rest;

/// <summary>Versions kept, vread, _history at three levels, 410 after delete, conditional create/update/delete, on every provider.</summary>
public abstract class HistoryTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private static CodeSystem Sample(string url) => Resources.CrudTests<TFixture>.SampleCodeSystem(url);

    private async Task<CodeSystem> PutAsync(CodeSystem cs, HttpStatusCode expected)
    {
        var response = await fixture.Writer.PutAsync($"/fhir/CodeSystem/{cs.Id}", Wire.JsonBody(cs));
        Assert.Equal(expected, response.StatusCode);
        return await Wire.ReadAsync<CodeSystem>(response);
    }

    private async Task<(CodeSystem Cs, string Url)> ThreeVersionsAsync()
    {
        var url = $"http://example.org/history/{Guid.NewGuid():N}";
        var cs = Sample(url);
        cs.Id = "h" + Guid.NewGuid().ToString("N")[..12];
        await PutAsync(cs, HttpStatusCode.Created);
        cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "c", Display = "Gamma" });
        await PutAsync(cs, HttpStatusCode.OK);
        cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "d", Display = "Delta" });
        return (await PutAsync(cs, HttpStatusCode.OK), url);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenThreeVersions_WhenEachIsRead_ThenEachHasItsOwnConcepts()
    {
        fixture.SkipIfUnavailable();
        var (cs, _) = await ThreeVersionsAsync();

        var v1 = await Wire.ReadAsync<CodeSystem>(await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history/1"));
        var v2 = await Wire.ReadAsync<CodeSystem>(await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history/2?_format=xml"));
        var v3 = await Wire.ReadAsync<CodeSystem>(await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history/3"));
        var v4 = await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history/4");

        Assert.Equal(("1", 2), (v1.Meta.VersionId, v1.Concept.Count));
        Assert.Equal("a1", v1.Concept[0].Concept[0].Code);
        Assert.Equal(("2", 3), (v2.Meta.VersionId, v2.Concept.Count));
        Assert.Equal(("3", 4), (v3.Meta.VersionId, v3.Concept.Count));
        Assert.Equal(HttpStatusCode.NotFound, v4.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenThreeVersions_WhenHistoryIsAsked_ThenNewestFirstWithPaging()
    {
        fixture.SkipIfUnavailable();
        var (cs, _) = await ThreeVersionsAsync();

        var all = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history"));
        var page = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history?_count=2"));
        var next = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync(page.NextLink!.PathAndQuery));

        Assert.Equal(Bundle.BundleType.History, all.Type);
        Assert.Equal(3, all.Total);
        Assert.Equal(["3", "2", "1"], all.Entry.Select(e => e.Resource.Meta.VersionId));
        Assert.Equal([Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.PUT, Bundle.HTTPVerb.POST], all.Entry.Select(e => e.Request.Method!.Value));
        Assert.Equal(2, page.Entry.Count);
        Assert.Equal("1", Assert.Single(next.Entry).Resource.Meta.VersionId);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenChangesAfterAMoment_WhenTypeAndSystemHistoryAreAskedSinceThen_ThenOnlyTheyAreListed()
    {
        fixture.SkipIfUnavailable();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var (cs, _) = await ThreeVersionsAsync();

        var type = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem/_history?_since={Uri.EscapeDataString(before)}&_count=500"));
        var system = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/_history?_since={Uri.EscapeDataString(before)}&_count=500"));
        var bad = await fixture.Client.GetAsync("/fhir/_history?_since=yesterday");

        Assert.Equal(3, type.Entry.Count(e => e.FullUrl.EndsWith($"/CodeSystem/{cs.Id}", StringComparison.Ordinal)));
        Assert.Equal(3, system.Entry.Count(e => e.FullUrl.EndsWith($"/CodeSystem/{cs.Id}", StringComparison.Ordinal)));
        Assert.DoesNotContain(type.Entry, e => e.Resource is not null and not CodeSystem);
        Assert.True(type.Total < 100, "the 2,400 resources loaded at start are older than _since");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenADeletedResource_WhenReadOrVread_Then410AndOlderVersionsStay()
    {
        fixture.SkipIfUnavailable();
        var (cs, url) = await ThreeVersionsAsync();

        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"/fhir/CodeSystem/{cs.Id}");
        staleDelete.Headers.TryAddWithoutValidation("If-Match", "W/\"2\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await fixture.Writer.SendAsync(staleDelete)).StatusCode);
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"/fhir/CodeSystem/{cs.Id}");
        delete.Headers.TryAddWithoutValidation("If-Match", "W/\"3\"");
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Writer.SendAsync(delete)).StatusCode);

        var read = await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}");
        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Deleted, (await Wire.ReadOutcomeAsync(read)).Issue[0].Code);
        Assert.Equal(HttpStatusCode.Gone, (await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history/4")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history/2")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Writer.DeleteAsync($"/fhir/CodeSystem/{cs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={url}&code=a")).StatusCode);
        var history = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history"));
        Assert.Equal(Bundle.HTTPVerb.DELETE, history.Entry[0].Request.Method);
        Assert.Null(history.Entry[0].Resource);

        // Created again: the versions go on after the deletion.
        var again = await PutAsync(cs, HttpStatusCode.Created);
        Assert.Equal("5", again.Meta.VersionId);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}")).StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenIfNoneExist_WhenTheSameCreateIsPostedTwice_ThenOneResource()
    {
        fixture.SkipIfUnavailable();
        var url = $"http://example.org/ccreate/{Guid.NewGuid():N}";
        HttpRequestMessage Post(CodeSystem cs)
        {
            var m = new HttpRequestMessage(HttpMethod.Post, "/fhir/CodeSystem") { Content = Wire.JsonBody(cs) };
            m.Headers.TryAddWithoutValidation("If-None-Exist", $"url={url}");
            return m;
        }

        var first = await fixture.Writer.SendAsync(Post(Sample(url)));
        var second = await fixture.Writer.SendAsync(Post(Sample(url)));
        var search = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem?url={url}"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await Wire.ReadAsync<CodeSystem>(first)).Id, (await Wire.ReadAsync<CodeSystem>(second)).Id);
        Assert.Equal(1, search.Total);

        var other = Sample(url);
        other.Version = "2.0";
        Assert.Equal(HttpStatusCode.Created, (await fixture.Writer.PostAsync("/fhir/CodeSystem", Wire.JsonBody(other))).StatusCode);
        var ambiguous = await fixture.Writer.SendAsync(Post(Sample(url)));
        Assert.Equal(HttpStatusCode.PreconditionFailed, ambiguous.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenCriteria_WhenConditionalUpdateAndDelete_ThenTheMatchIsWritten()
    {
        fixture.SkipIfUnavailable();
        var url = $"http://example.org/cupdate/{Guid.NewGuid():N}";

        var created = await fixture.Writer.PutAsync($"/fhir/CodeSystem?url={url}", Wire.JsonBody(Sample(url)));
        var id = (await Wire.ReadAsync<CodeSystem>(created)).Id;
        var changed = Sample(url);
        changed.Title = "Changed";
        var updated = await fixture.Writer.PutAsync($"/fhir/CodeSystem?url={url}", Wire.JsonBody(changed));
        var noCriteria = await fixture.Writer.PutAsync("/fhir/CodeSystem", Wire.JsonBody(changed));
        var deleted = await fixture.Writer.DeleteAsync($"/fhir/CodeSystem?url={url}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await Wire.ReadAsync<CodeSystem>(updated);
        Assert.Equal((id, "2", "Changed"), (after.Id, after.Meta.VersionId, after.Title));
        Assert.Equal(HttpStatusCode.BadRequest, noCriteria.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await fixture.Client.GetAsync($"/fhir/CodeSystem/{id}")).StatusCode);
    }
}

public sealed class SqliteHistoryTests(SqliteFixture fixture) : HistoryTests<SqliteFixture>(fixture);

public sealed class PostgresHistoryTests(PostgresFixture fixture) : HistoryTests<PostgresFixture>(fixture);

/// <summary>SQLite with <c>Storage:HistoryVersions=1</c>: only the last old version is kept.</summary>
public sealed class OneVersionFixture : SqliteFixture
{
    protected override async Task<Dictionary<string, string?>?> CreateSettingsAsync()
    {
        var settings = await TestDatabases.NewSqliteAsync();
        settings["Storage:HistoryVersions"] = "1";
        return settings;
    }
}

public sealed class HistoryRetentionTests(OneVersionFixture fixture) : IClassFixture<OneVersionFixture>
{
    [Fact]
    public async System.Threading.Tasks.Task GivenARetentionOfOne_WhenThreeVersionsAreWritten_ThenOnlyTheLastOldOneIsKept()
    {
        var cs = Resources.CrudTests<OneVersionFixture>.SampleCodeSystem($"http://example.org/retention/{Guid.NewGuid():N}");
        cs.Id = "r" + Guid.NewGuid().ToString("N")[..12];
        for (var i = 0; i < 3; i++)
        {
            cs.Title = $"Version {i + 1}";
            Assert.True((await fixture.Writer.PutAsync($"/fhir/CodeSystem/{cs.Id}", Wire.JsonBody(cs))).IsSuccessStatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history/1")).StatusCode);
        Assert.Equal("Version 2", (await Wire.ReadAsync<CodeSystem>(await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history/2"))).Title);
        Assert.Equal(2, (await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}/_history"))).Total);
    }
}
