using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Lookup;

/// <summary>$lookup through HTTP on the shipped CPT fragment, on every storage provider.</summary>
public abstract class LookupApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private const string Cpt = "http://www.ama-assn.org/go/cpt";

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenDeletedCode72275_WhenLookedUpByGet_ThenDisplayAndInactivePropertiesAreReturned()
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={Cpt}&code=72275");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var p = await Wire.ReadAsync<Parameters>(response);
        Assert.Equal("Epidurography, radiological supervision and interpretation", p.Value("display"));
        Assert.Equal("2025", p.Value("version"));
        Assert.Equal("true", Assert.Single(p.PropertyValues("inactive")).ToString());
        Assert.Equal("retired", Assert.Single(p.PropertyValues("status")).ToString());
        var successors = p.PropertyValues("replaced-by").Select(v => v.ToString()).ToList();
        Assert.Contains("62321", successors);
        Assert.Contains("62323", successors);
        Assert.Equal("false", Assert.Single(p.PropertyValues("modifier")).ToString());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenParametersBody_WhenLookedUpByPost_ThenOnlyRequestedPropertiesAreReturned()
    {
        fixture.SkipIfUnavailable();
        var body = new Parameters()
            .Add("coding", new Coding(Cpt, "72275"))
            .Add("property", new Code("kind"))
            .Add("property", new Code("inactive"));

        var response = await fixture.Client.PostAsync("/fhir/CodeSystem/$lookup", Wire.JsonBody(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var p = await Wire.ReadAsync<Parameters>(response);
        var codes = p.Parameter.Where(x => x.Name == "property").Select(x => x.Part[0].Value.ToString()).Order().ToList();
        Assert.Equal(["inactive", "kind"], codes);
        Assert.Equal("code", p.PropertyValues("kind")[0].ToString());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenInstanceLevelCall_WhenLookedUp_ThenTheInstanceSystemIsUsed()
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync("/fhir/CodeSystem/cpt/$lookup?code=26&_format=xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+xml", response.Content.Headers.ContentType?.MediaType);
        var p = await Wire.ReadAsync<Parameters>(response);
        Assert.Equal("true", Assert.Single(p.PropertyValues("modifier")).ToString());
    }

    [SkippableTheory]
    [InlineData("system=http://example.org/unknown&code=72275", "http://example.org/unknown")]
    [InlineData("system=http://www.ama-assn.org/go/cpt&code=99999", "99999")]
    [InlineData("system=http://www.ama-assn.org/go/cpt&code=72275&version=1999", "1999")]
    public async System.Threading.Tasks.Task GivenUnknownSystemCodeOrVersion_WhenLookedUp_Then404NamesIt(string query, string named)
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?{query}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await Wire.ReadOutcomeAsync(response);
        Assert.Contains(named, outcome.Issue[0].Diagnostics);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [SkippableTheory]
    [InlineData("code=72275")]
    [InlineData("system=http://www.ama-assn.org/go/cpt")]
    [InlineData("coding=nobar")]
    [InlineData("system=a&system=b&code=1")]
    public async System.Threading.Tasks.Task GivenIncompleteOrMalformedParameters_WhenLookedUp_Then400(string query)
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenWrongParameterType_WhenPosted_Then400SaysWhich()
    {
        fixture.SkipIfUnavailable();
        var body = new Parameters().Add("system", new FhirUri(Cpt)).Add("code", new Integer(72275));

        var response = await fixture.Client.PostAsync("/fhir/CodeSystem/$lookup", Wire.JsonBody(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'code'", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics);
    }
}

public sealed class SqliteLookupApiTests(SqliteFixture fixture) : LookupApiTests<SqliteFixture>(fixture);

public sealed class PostgresLookupApiTests(PostgresFixture fixture) : LookupApiTests<PostgresFixture>(fixture);
