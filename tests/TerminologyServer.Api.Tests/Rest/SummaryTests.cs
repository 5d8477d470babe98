using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Rest;

/// <summary>_summary and _elements on read and search for every stored type, marked SUBSETTED, on every provider.</summary>
public abstract class SummaryTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private static bool Subsetted(Resource r) => r.Meta?.Tag.Any(t => t.Code == "SUBSETTED") == true;

    [SkippableTheory]
    [InlineData("CodeSystem", "administrative-gender")]
    [InlineData("ValueSet", "administrative-gender")]
    [InlineData("ConceptMap", "cm-administrative-gender-v2")]
    public async System.Threading.Tasks.Task GivenAStoredResource_WhenReadWithEachSummary_ThenItIsCutAndTagged(string type, string id)
    {
        fixture.SkipIfUnavailable();

        var full = await Wire.ReadAsync<DomainResource>(await fixture.Client.GetAsync($"/fhir/{type}/{id}"));
        var summary = await Wire.ReadAsync<DomainResource>(await fixture.Client.GetAsync($"/fhir/{type}/{id}?_summary=true"));
        var text = await Wire.ReadAsync<DomainResource>(await fixture.Client.GetAsync($"/fhir/{type}/{id}?_summary=text"));
        var data = await Wire.ReadAsync<DomainResource>(await fixture.Client.GetAsync($"/fhir/{type}/{id}?_summary=data&_format=xml"));
        var elements = await Wire.ReadAsync<DomainResource>(await fixture.Client.GetAsync($"/fhir/{type}/{id}?_elements=url,version"));
        var bogus = await fixture.Client.GetAsync($"/fhir/{type}/{id}?_summary=bogus");

        Assert.False(Subsetted(full));
        Assert.All(new[] { summary, text, data, elements }, r => Assert.True(Subsetted(r)));
        Assert.NotNull(full.Text);
        Assert.Null(summary.Text);
        Assert.NotNull(text.Text);
        Assert.Null(data.Text);
        Assert.Null(elements.Text);
        Assert.Equal(((IVersionableConformanceResource)full).Url, ((IVersionableConformanceResource)elements).Url);
        Assert.Null(((IVersionableConformanceResource)elements).Name);
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        if (full is ConceptMap)
        {
            Assert.NotEmpty(((ConceptMap)data).Group);
            Assert.Empty(((ConceptMap)summary).Group);
        }
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenASearch_WhenElementsOrSummaryAreAsked_ThenEveryEntryIsCut()
    {
        fixture.SkipIfUnavailable();

        var byElements = await fixture.Client.GetAsync("/fhir/ValueSet?url=http://hl7.org/fhir/ValueSet/administrative-gender&_elements=url");
        var bySummary = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync("/fhir/ConceptMap?_count=3&_summary=true"));
        var count = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync("/fhir/PlanDefinition?_summary=count"));

        Assert.Equal(HttpStatusCode.OK, byElements.StatusCode);
        var vs = (ValueSet)Assert.Single((await Wire.ReadAsync<Bundle>(byElements)).Entry).Resource;
        Assert.True(Subsetted(vs));
        Assert.Null(vs.Compose);
        Assert.All(bySummary.Entry, e => Assert.True(Subsetted(e.Resource) && ((ConceptMap)e.Resource).Group.Count == 0));
        Assert.Empty(count.Entry);
        Assert.NotNull(count.Total);
    }
}

public sealed class SqliteSummaryTests(SqliteFixture fixture) : SummaryTests<SqliteFixture>(fixture);

public sealed class PostgresSummaryTests(PostgresFixture fixture) : SummaryTests<PostgresFixture>(fixture);
