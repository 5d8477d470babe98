using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.ValueSets;

/// <summary>
/// The code systems defined by code (BCP-47, UCUM, ISO 3166-1 and -2, ISO 4217, media types) through HTTP with the core
/// value sets that use them, and the compiled value set cache following stored changes, on every provider.
/// </summary>
public abstract class ComputedCodeSystemApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private const string CoreValueSets = "http://hl7.org/fhir/ValueSet/";

    private async Task<Parameters> ValidateAsync(string query) =>
        await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync($"/fhir/ValueSet/$validate-code?{query}"));

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheCoreLanguageValueSets_WhenValidatingTags_ThenGrammarAndRegistryDecide()
    {
        fixture.SkipIfUnavailable();

        var valid = await ValidateAsync($"url={CoreValueSets}all-languages&system=urn:ietf:bcp:47&code=de-CH");
        var unknownRegion = await ValidateAsync($"url={CoreValueSets}all-languages&system=urn:ietf:bcp:47&code=de-XX");
        var listed = await ValidateAsync($"url={CoreValueSets}languages&system=urn:ietf:bcp:47&code=en-AU&display=English%20(Australia)");

        Assert.Equal(("true", "German (Switzerland)"), (valid.Value("result"), valid.Value("display")));
        Assert.Equal("false", unknownRegion.Value("result"));
        Assert.Equal("true", listed.Value("result"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenComputedSystems_WhenLookedUpAndValidatedInTheCodeSystem_ThenTheyAnswerLikeStoredOnes()
    {
        fixture.SkipIfUnavailable();

        var country = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync("/fhir/CodeSystem/$lookup?system=urn:iso:std:iso:3166&code=CHE"));
        var currency = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync("/fhir/CodeSystem/$lookup?system=urn:iso:std:iso:4217&code=JPY"));
        var unit = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync("/fhir/CodeSystem/$validate-code?url=http://unitsofmeasure.org&code=mg/dL"));
        var badUnit = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync("/fhir/CodeSystem/$validate-code?url=http://unitsofmeasure.org&code=mg/xx"));
        var mediaType = await ValidateAsync($"url={CoreValueSets}mimetypes&system=urn:ietf:bcp:13&code=application/fhir%2Bjson");

        Assert.Equal("Switzerland", country.Value("display"));
        Assert.Equal("Yen", currency.Value("display"));
        Assert.Equal("true", unit.Value("result"));
        Assert.Equal("false", badUnit.Value("result"));
        Assert.Equal("true", mediaType.Value("result"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenIso3166Subdivisions_WhenLookedUpAndValidated_ThenTheyAnswerWithTypeParentAndClearMessages()
    {
        fixture.SkipIfUnavailable();

        var london = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync("/fhir/CodeSystem/$lookup?system=urn:iso:std:iso:3166:-2&code=GB-LND"));
        var california = await ValidateAsync($"url={CoreValueSets}jurisdiction&system=urn:iso:std:iso:3166:-2&code=US-CA&display=California");
        var unknown = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync("/fhir/CodeSystem/$validate-code?url=urn:iso:std:iso:3166:-2&code=US-XX"));

        Assert.Equal("London, City of", london.Value("display"));
        Assert.Equal("City corporation", Assert.Single(london.PropertyValues("type")).ToString());
        Assert.Equal("GB-ENG", Assert.Single(london.PropertyValues("parent")).ToString());
        Assert.Equal("GB", Assert.Single(london.PropertyValues("country")).ToString());
        Assert.Equal("true", california.Value("result"));
        Assert.Equal("false", unknown.Value("result"));
        Assert.Contains("United States (US) has no subdivision 'XX'", unknown.Value("message"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenCoreValueSetsOfComputedSystems_WhenExpanded_ThenListsExpandAndGrammarsAreRefusedClearly()
    {
        fixture.SkipIfUnavailable();

        var countries = await Wire.ReadAsync<ValueSet>(await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url={CoreValueSets}iso3166-1-3&count=3"));
        var units = await Wire.ReadAsync<ValueSet>(await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url={CoreValueSets}ucum-common&count=3"));
        var allLanguages = await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url={CoreValueSets}all-languages");

        Assert.Equal(249, countries.Expansion.Total);
        Assert.Equal(1357, units.Expansion.Total); // 1,364 listed, 7 of them twice
        Assert.Equal(HttpStatusCode.UnprocessableEntity, allLanguages.StatusCode);
        var issue = Assert.Single((await Wire.ReadOutcomeAsync(allLanguages)).Issue);
        Assert.Equal(OperationOutcome.IssueType.TooCostly, issue.Code);
        Assert.Contains("urn:ietf:bcp:47", issue.Details.Text);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheCoreUcumCanonicalValueSets_WhenValidatingAndExpanding_ThenUnitsOfTheKindAreMembersAndExpansionIsTooCostly()
    {
        fixture.SkipIfUnavailable();

        var time = new List<string?>();
        foreach (var unit in new[] { "mo", "h", "min", "a" })
        {
            time.Add((await ValidateAsync($"url={CoreValueSets}all-time-units&system=http://unitsofmeasure.org&code={unit}")).Value("result"));
        }

        var mass = await ValidateAsync($"url={CoreValueSets}all-time-units&system=http://unitsofmeasure.org&code=mg");
        var inch = await ValidateAsync($"url={CoreValueSets}all-distance-units&system=http://unitsofmeasure.org&code=%5Bin_i%5D");
        var expand = await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url={CoreValueSets}all-time-units");

        Assert.All(time, r => Assert.Equal("true", r));
        Assert.Equal("false", mass.Value("result"));
        Assert.Contains("mg", mass.Value("message"));
        Assert.Equal("true", inch.Value("result"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, expand.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.TooCostly, Assert.Single((await Wire.ReadOutcomeAsync(expand)).Issue).Code);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAValidatedStoredValueSet_WhenItsCodeSystemAndThenItselfAreUpdated_ThenEachAnswerFollowsTheStoredChange()
    {
        fixture.SkipIfUnavailable();
        var id = "c" + Guid.NewGuid().ToString("N")[..10];
        var cs = Resources.CrudTests<TFixture>.SampleCodeSystem($"http://example.org/cache/{id}");
        cs.Id = id;
        var vs = new ValueSet { Id = id, Url = $"http://example.org/cache-vs/{id}", Status = PublicationStatus.Active, Compose = new() { Include = [new() { System = cs.Url }] } };
        Assert.Equal(HttpStatusCode.Created, (await fixture.Writer.PutAsync($"/fhir/CodeSystem/{id}", Wire.JsonBody(cs))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Writer.PutAsync($"/fhir/ValueSet/{id}", Wire.JsonBody(vs))).StatusCode);
        var query = $"url={vs.Url}&system={cs.Url}&code=";

        var before = await ValidateAsync(query + "c");
        cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "c", Display = "Gamma" });
        Assert.Equal(HttpStatusCode.OK, (await fixture.Writer.PutAsync($"/fhir/CodeSystem/{id}", Wire.JsonBody(cs))).StatusCode);
        var afterCodeSystem = await ValidateAsync(query + "c");
        var bBefore = await ValidateAsync(query + "b");
        vs.Compose.Include[0].Concept.Add(new ValueSet.ConceptReferenceComponent { Code = "c" });
        Assert.Equal(HttpStatusCode.OK, (await fixture.Writer.PutAsync($"/fhir/ValueSet/{id}", Wire.JsonBody(vs))).StatusCode);
        var bAfterValueSet = await ValidateAsync(query + "b");

        Assert.Equal("false", before.Value("result"));
        Assert.Equal(("true", "Gamma"), (afterCodeSystem.Value("result"), afterCodeSystem.Value("display")));
        Assert.Equal("true", bBefore.Value("result"));
        Assert.Equal("false", bAfterValueSet.Value("result"));
    }
}

public sealed class SqliteComputedCodeSystemApiTests(SqliteFixture fixture) : ComputedCodeSystemApiTests<SqliteFixture>(fixture);

public sealed class PostgresComputedCodeSystemApiTests(PostgresFixture fixture) : ComputedCodeSystemApiTests<PostgresFixture>(fixture);
