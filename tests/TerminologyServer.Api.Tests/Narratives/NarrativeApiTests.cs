using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Engine.Narratives;
using P = TerminologyServer.Engine.Narratives.NarrativeProperties;

namespace TerminologyServer.Api.Tests.Narratives;

/// <summary>Narratives through HTTP on every storage provider: $lookup of the shipped seed, PlanDefinition search, import, export.</summary>
public abstract class NarrativeApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    internal static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "fhir-resources", "narratives");

    internal static string Seed => File.ReadAllText(Path.Combine(ShippedFolder, "cpt-72275.txt"));

    /// <summary>The seed re-aimed at another code (tests that write must not change what other tests read).</summary>
    internal static string SeedFor(string code) => Seed.Replace("CPT4 code\n", $"CPT4 code: {code}\n", StringComparison.Ordinal);

    internal static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheShippedSeed_WhenLookingUp72275_ThenTheNarrativePropertiesAreReturned()
    {
        fixture.SkipIfUnavailable();

        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={P.Cpt}&code=72275");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var p = await Wire.ReadAsync<Parameters>(response);
        Assert.StartsWith("Epidurography is a diagnostic imaging procedure", Assert.Single(p.PropertyValues(P.Summary)).ToString());
        var steps = p.PropertyValues(P.ProcedureStep).Select(v => v.ToString()).ToList();
        Assert.Equal(6, steps.Count);
        Assert.Equal("The patient lies face down on an X-ray table.", steps[0]);
        Assert.Equal("The needle is removed, and the injection site is bandaged.", steps[5]);
        Assert.Equal(30, Assert.IsType<Integer>(Assert.Single(p.PropertyValues(P.DurationMin))).Value);
        Assert.Equal(60, Assert.IsType<Integer>(Assert.Single(p.PropertyValues(P.DurationMax))).Value);
        Assert.Equal(5, p.PropertyValues(P.Indication).Count);
        Assert.Equal("http://terminologyserver.org/fhir/PlanDefinition/cpt-72275", Assert.Single(p.PropertyValues(P.PlanDefinition)).ToString());
        Assert.Equal("true", Assert.Single(p.PropertyValues("inactive")).ToString());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenPropertyParameters_WhenLookingUp72275_ThenOnlyThoseNarrativePropertiesAreReturned()
    {
        fixture.SkipIfUnavailable();

        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={P.Cpt}&code=72275&property=risk-rare&property=setting");

        var p = await Wire.ReadAsync<Parameters>(response);
        var codes = p.Parameter.Where(x => x.Name == "property").Select(x => x.Part[0].Value.ToString()).ToList();
        Assert.Equal(["risk-rare", "setting"], codes.Order());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheShippedSeed_WhenSearchingPlanDefinitions_ThenTopicUrlNameAndStatusFindIt()
    {
        fixture.SkipIfUnavailable();
        foreach (var query in new[] { $"topic={P.Cpt}|72275", "topic=72275", "url=http://terminologyserver.org/fhir/PlanDefinition/cpt-72275", "name=Cpt72275", "status=active&topic=72275" })
        {
            var bundle = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/PlanDefinition?{query}"));

            Assert.True(bundle.Entry.Count == 1, query);
            Assert.Equal("cpt-72275", bundle.Entry[0].Resource.Id);
        }

        var none = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/PlanDefinition?topic={P.Cpt}|99999"));
        Assert.Empty(none.Entry);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.GetAsync("/fhir/ValueSet?topic=72275")).StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheSupplement_WhenReadAndSearched_ThenItIsAnOrdinaryCodeSystem()
    {
        fixture.SkipIfUnavailable();

        var supplement = await Wire.ReadAsync<CodeSystem>(await fixture.Client.GetAsync("/fhir/CodeSystem/cpt-narratives"));
        var found = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync("/fhir/CodeSystem?url=http://terminologyserver.org/fhir/CodeSystem/cpt-narratives&_summary=true"));

        Assert.Equal(CodeSystemContentMode.Supplement, supplement.Content);
        Assert.Equal(P.Cpt, supplement.Supplements);
        Assert.True(supplement.Concept.Count >= 11);
        Assert.Single(found.Entry);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAcceptTextPlain_WhenExporting_ThenTextWhileFhirOperationsRefuseIt()
    {
        fixture.SkipIfUnavailable();
        using var export = new HttpRequestMessage(HttpMethod.Get, "/fhir/CodeSystem/$export-narrative?code=72275");
        export.Headers.Accept.ParseAdd("text/plain");
        using var lookup = new HttpRequestMessage(HttpMethod.Get, "/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=72275");
        lookup.Headers.Accept.ParseAdd("text/plain");

        var exported = await fixture.Client.SendAsync(export);
        var looked = await fixture.Client.SendAsync(lookup);

        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("text/plain", exported.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotAcceptable, looked.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenEveryShippedNarrative_WhenExportedOverHttp_ThenParsingGivesTheSameStructure()
    {
        fixture.SkipIfUnavailable();
        foreach (var file in Directory.EnumerateFiles(ShippedFolder))
        {
            var original = NarrativeParser.Parse(await File.ReadAllTextAsync(file), Path.GetFileName(file));
            var code = Path.GetFileNameWithoutExtension(file)["cpt-".Length..];

            var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$export-narrative?code={code}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            var exported = NarrativeParser.Parse(await response.Content.ReadAsStringAsync(), "export");
            Assert.Equal(original.Structure(), exported.Structure());
            Assert.Equal(code, exported.Code);
        }
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenANewDocument_WhenImportedReimportedAndChanged_ThenOnlyRealChangesMakeNewVersions()
    {
        fixture.SkipIfUnavailable();
        var document = SeedFor("72020");

        var created = await Import(Text(document));
        var again = await Import(Text(document));
        var changed = await Import(Text(document.Replace("about 30 to 60 minutes", "about 20 to 40 minutes", StringComparison.Ordinal)));

        Assert.Equal("201 Created", created.Entry[1].Response.Status);
        Assert.Equal(created.Entry.Select(e => e.Response.Etag), again.Entry.Select(e => e.Response.Etag));
        Assert.All(again.Entry, e => Assert.NotNull(e.Response.Outcome));
        Assert.All(changed.Entry, e => Assert.Equal("200 OK", e.Response.Status));
        Assert.NotEqual(again.Entry.Select(e => e.Response.Etag), changed.Entry.Select(e => e.Response.Etag));
        var lookup = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={P.Cpt}&code=72020&property=duration-min&property=duration-max"));
        Assert.Equal(["20", "40"], lookup.Parameter.Where(x => x.Name == "property").Select(x => x.Part[1].Value.ToString()));
        var plan = await Wire.ReadAsync<PlanDefinition>(await fixture.Client.GetAsync("/fhir/PlanDefinition/cpt-72020"));
        Assert.Equal(40m, Assert.IsType<Hl7.Fhir.Model.Range>(plan.Action[1].Timing).High.Value);
        var exported = await fixture.Client.GetStringAsync("/fhir/CodeSystem/$export-narrative?system=http://www.ama-assn.org/go/cpt&code=72020");
        Assert.Contains("about 20 to 40 minutes", exported, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAParametersBody_WhenImported_ThenTheTextParameterIsTheDocument()
    {
        fixture.SkipIfUnavailable();
        var body = new Parameters().Add("text", new FhirString(SeedFor("72125"))).Add("source", new FhirString("ct-neck.txt"));

        var bundle = await Import(Wire.JsonBody(body));

        Assert.Equal("PlanDefinition/cpt-72125/_history/1", bundle.Entry[1].Response.Location);
        Assert.Contains(((CodeSystem)bundle.Entry[0].Resource).Concept, c => c.Code == "72125");
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenNoToken_WhenImporting_ThenUnauthorized()
    {
        fixture.SkipIfUnavailable();

        var response = await fixture.Client.PostAsync("/fhir/CodeSystem/$import-narrative", Text(SeedFor("72131")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenACodeWithoutNarrative_WhenExported_ThenNotFound()
    {
        fixture.SkipIfUnavailable();

        var response = await fixture.Client.GetAsync("/fhir/CodeSystem/$export-narrative?code=26");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("http://www.ama-assn.org/go/cpt|26", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics);
    }

    private async Task<Bundle> Import(HttpContent content)
    {
        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import-narrative", content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Wire.ReadAsync<Bundle>(response);
    }
}

public sealed class SqliteNarrativeApiTests(SqliteFixture fixture) : NarrativeApiTests<SqliteFixture>(fixture);

public sealed class PostgresNarrativeApiTests(PostgresFixture fixture) : NarrativeApiTests<PostgresFixture>(fixture);
