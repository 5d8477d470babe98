using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Resources;

/// <summary>Search by the canonical parameters, with paging links and _summary, on every provider.</summary>
public abstract class SearchTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    [SkippableFact]
    public async System.Threading.Tasks.Task GivenFiveValueSets_WhenSearchedTwoPerPage_ThenPagingLinksWalkAllOfThem()
    {
        fixture.SkipIfUnavailable();
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            var vs = new ValueSet { Id = $"p{tag}{i}", Url = $"http://example.org/paging/{tag}", Version = $"{i}", Name = $"Paging{tag}", Status = PublicationStatus.Active };
            Assert.Equal(HttpStatusCode.Created, (await fixture.Writer.PutAsync($"/fhir/ValueSet/{vs.Id}", Wire.JsonBody(vs))).StatusCode);
        }

        var seen = new List<string>();
        var next = $"/fhir/ValueSet?url=http://example.org/paging/{tag}&_count=2";
        var pages = 0;
        while (next is not null)
        {
            var bundle = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync(next));
            Assert.Equal(5, bundle.Total);
            Assert.True(bundle.Entry.Count <= 2);
            seen.AddRange(bundle.Entry.Select(e => e.Resource.Id));
            next = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
    }

    [SkippableTheory]
    [InlineData("name=cp", 1)]
    [InlineData("name=CPT", 1)]
    [InlineData("name=NarrativeSupplementC", 1)]
    [InlineData("title=current procedural", 1)]
    [InlineData("status=active&url=http://www.ama-assn.org/go/cpt", 1)]
    [InlineData("version=2025&url=http://www.ama-assn.org/go/cpt", 1)]
    [InlineData("version=1999&url=http://www.ama-assn.org/go/cpt", 0)]
    [InlineData("_id=cpt", 1)]
    [InlineData("name=zzz-no-such", 0)]
    public async System.Threading.Tasks.Task GivenShippedCpt_WhenSearchedByParameter_ThenMatchesAreCounted(string query, int expected)
    {
        fixture.SkipIfUnavailable();
        var bundle = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem?{query}&_summary=true"));
        Assert.Equal(expected, bundle.Total);
        Assert.Equal(expected, bundle.Entry.Count);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenSummaryTrue_WhenCodeSystemsSearched_ThenNoConceptsAreShipped()
    {
        fixture.SkipIfUnavailable();
        var summary = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync("/fhir/CodeSystem?_id=cpt&_summary=true"));
        var cs = Assert.IsType<CodeSystem>(Assert.Single(summary.Entry).Resource);
        Assert.Empty(cs.Concept);
        Assert.Contains(cs.Meta.Tag, t => t.Code == "SUBSETTED");

        var full = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync("/fhir/CodeSystem?_id=cpt"));
        Assert.True(((CodeSystem)full.Entry[0].Resource).Concept.Count >= 25);

        var count = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync("/fhir/CodeSystem?_id=cpt&_summary=count"));
        Assert.Equal(1, count.Total);
        Assert.Empty(count.Entry);
    }

    [SkippableTheory]
    [InlineData("foo=bar")]
    [InlineData("_count=-1")]
    [InlineData("_summary=bogus")]
    public async System.Threading.Tasks.Task GivenUnsupportedSearchParameter_WhenSearched_Then400(string query)
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await Wire.ReadOutcomeAsync(response)).Issue);
    }
}

public sealed class SqliteSearchTests(SqliteFixture fixture) : SearchTests<SqliteFixture>(fixture);

public sealed class PostgresSearchTests(PostgresFixture fixture) : SearchTests<PostgresFixture>(fixture);
