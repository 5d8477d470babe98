using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Errors;

/// <summary>Each kind of bad input answers 4xx with an OperationOutcome and stores nothing, on every provider.</summary>
public abstract class BadInputTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    public static TheoryData<string, string, string, int> BadBodies => new()
    {
        { "malformed JSON", "{\"resourceType\":\"CodeSystem\",", Wire.Json, 400 },
        { "JSON of no resource", "[1,2,3]", Wire.Json, 400 },
        { "unknown element", "{\"resourceType\":\"CodeSystem\",\"url\":\"http://x\",\"bogus\":1}", Wire.Json, 400 },
        { "malformed XML", "<CodeSystem xmlns=\"http://hl7.org/fhir\"><url value=\"http://x\"/>", Wire.Xml, 400 },
        { "wrong resource type", "{\"resourceType\":\"ValueSet\",\"url\":\"http://x\",\"status\":\"draft\"}", Wire.Json, 400 },
        { "unsupported media type", "code,display\n1,One", "text/csv", 415 },
        { "empty body", "", Wire.Json, 400 },
        { "deeply nested JSON", new string('[', 5000) + new string(']', 5000), Wire.Json, 400 },
        { "deeply nested XML extensions", "<CodeSystem xmlns=\"http://hl7.org/fhir\">" + string.Concat(Enumerable.Repeat("<extension url=\"http://x\">", 5000)) + string.Concat(Enumerable.Repeat("</extension>", 5000)) + "</CodeSystem>", Wire.Xml, 400 },
        { "XML with a DTD", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><CodeSystem xmlns=\"http://hl7.org/fhir\"><url value=\"&a;\"/></CodeSystem>", Wire.Xml, 400 },
    };

    [SkippableTheory]
    [MemberData(nameof(BadBodies))]
    public async System.Threading.Tasks.Task GivenBadBody_WhenPosted_ThenClientErrorWithOutcomeAndNothingStored(string why, string body, string mediaType, int status)
    {
        fixture.SkipIfUnavailable();
        var before = await CountAsync();

        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem", Wire.Raw(body, mediaType));

        Assert.True(status == (int)response.StatusCode, $"{why}: got {(int)response.StatusCode}");
        var outcome = await Wire.ReadOutcomeAsync(response);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, outcome.Issue[0].Severity);
        Assert.DoesNotContain("   at ", outcome.Issue[0].Diagnostics);
        Assert.Equal(before, await CountAsync());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnInvalidDisplayLanguage_WhenValidatingACode_ThenClientErrorNamingIt()
    {
        fixture.SkipIfUnavailable();

        var response = await fixture.Client.GetAsync("/fhir/ValueSet/$validate-code?url=http://example.org/vs&system=http://example.org/cs&code=a&displayLanguage=-");

        Assert.Equal(422, (int)response.StatusCode);
        var issue = (await Wire.ReadOutcomeAsync(response)).Issue[0];
        Assert.Equal("Invalid displayLanguage: '-'", issue.Details.Text);
        Assert.Equal("invalid-display", issue.Details.Coding[0].Code);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenIdMismatch_WhenUpdated_Then400AndNothingStored()
    {
        fixture.SkipIfUnavailable();
        var cs = Resources.CrudTests<TFixture>.SampleCodeSystem("http://example.org/mismatch");
        cs.Id = "other-id";

        var response = await fixture.Writer.PutAsync("/fhir/CodeSystem/the-id", Wire.JsonBody(cs));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("does not match", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/fhir/CodeSystem/the-id")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/fhir/CodeSystem/other-id")).StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenBodyOverTheLimit_WhenPosted_Then413AndNothingStored()
    {
        fixture.SkipIfUnavailable();
        var cs = Resources.CrudTests<TFixture>.SampleCodeSystem("http://example.org/too-big");
        cs.Description = new string('x', 2 * 1024 * 1024);
        var before = await CountAsync();

        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem", Wire.JsonBody(cs));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.TooLong, (await Wire.ReadOutcomeAsync(response)).Issue[0].Code);
        Assert.Equal(before, await CountAsync());
    }

    [SkippableTheory]
    [InlineData("GET", "/fhir/Patient/1", 404)]
    [InlineData("PATCH", "/fhir/CodeSystem/cpt", 405)]
    [InlineData("GET", "/fhir/CodeSystem/no-such-id", 404)]
    public async System.Threading.Tasks.Task GivenUnknownRouteOrMethod_WhenCalled_ThenOutcomeWithStatus(string method, string path, int status)
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.NotEmpty((await Wire.ReadOutcomeAsync(response)).Issue);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenPostedOperationWithNonParametersBody_WhenCalled_Then400()
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.PostAsync("/fhir/CodeSystem/$lookup", new StringContent("{\"resourceType\":\"ValueSet\",\"status\":\"draft\"}", Encoding.UTF8, Wire.Json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Parameters", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics);
    }

    private async Task<int> CountAsync() =>
        (await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync("/fhir/CodeSystem?_summary=count"))).Total ?? -1;
}

public sealed class SqliteBadInputTests(SqliteFixture fixture) : BadInputTests<SqliteFixture>(fixture);

public sealed class PostgresBadInputTests(PostgresFixture fixture) : BadInputTests<PostgresFixture>(fixture);
