using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Resources;

/// <summary>Content negotiation, metadata and CORS (provider independent: SQLite only).</summary>
public sealed class FormatTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Theory]
    [InlineData("application/fhir+json; fhirVersion=4.0; charset=UTF-8", null, "application/fhir+json")]
    [InlineData("application/json", null, "application/json")]
    [InlineData("application/fhir+xml", null, "application/fhir+xml")]
    [InlineData("application/xml;q=0.9, application/fhir+json", null, "application/fhir+json")]
    [InlineData(null, "xml", "application/fhir+xml")]
    [InlineData("application/fhir+json", "application/fhir+xml", "application/fhir+xml")]
    [InlineData("*/*", null, "application/fhir+json")]
    public async System.Threading.Tasks.Task GivenAcceptOrFormat_WhenMetadataRead_ThenNegotiatedMediaTypeIsReturned(string? accept, string? format, string expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata" + (format is null ? "" : $"?_format={format}"));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        var cap = await Wire.ReadAsync<CapabilityStatement>(response);
        Assert.Equal(FHIRVersion.N4_0_1, cap.FhirVersion);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenPrettyTrue_WhenRead_ThenJsonIsIndented()
    {
        var pretty = await (await fixture.Client.GetAsync("/fhir/metadata?_pretty=true")).Content.ReadAsStringAsync();
        var compact = await (await fixture.Client.GetAsync("/fhir/metadata")).Content.ReadAsStringAsync();
        Assert.Contains("\n", pretty);
        Assert.DoesNotContain("\n", compact);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenServer_WhenMetadataRead_ThenItListsTheResourcesAndLookup()
    {
        var cap = await Wire.ReadAsync<CapabilityStatement>(await fixture.Client.GetAsync("/fhir/metadata"));
        var types = cap.Rest[0].Resource.Select(r => r.Type).Order().ToList();
        Assert.Equal(["CodeSystem", "ConceptMap", "NamingSystem", "PlanDefinition", "ValueSet"], types);
        Assert.Contains(cap.Rest[0].Resource.Single(r => r.Type == "CodeSystem").Operation, o => o.Name == "lookup");
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenTerminologyMode_WhenMetadataRead_ThenLoadedCodeSystemsAndVersionsAreListed()
    {
        var caps = await Wire.ReadAsync<TerminologyCapabilities>(await fixture.Client.GetAsync("/fhir/metadata?mode=terminology"));
        var cpt = caps.CodeSystem.Single(c => c.Uri == "http://www.ama-assn.org/go/cpt");
        Assert.Equal("2025", Assert.Single(cpt.Version).Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenBrowserOrigin_WhenPreflighted_ThenCorsAllowsIt()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/fhir/CodeSystem/$lookup");
        request.Headers.Add("Origin", "https://app.example.org");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await fixture.Client.SendAsync(request);

        Assert.True(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenOnlyUnsupportedAccept_WhenRead_Then406WithOutcome()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        request.Headers.TryAddWithoutValidation("Accept", "text/csv");
        var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.NotEmpty((await Wire.ReadOutcomeAsync(response)).Issue);
    }
}
