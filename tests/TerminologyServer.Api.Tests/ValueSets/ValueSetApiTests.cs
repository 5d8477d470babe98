using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.ValueSets;

/// <summary>$expand, $validate-code and $subsumes through HTTP on the loaded FHIR core and CPT content, on every provider.</summary>
public abstract class ValueSetApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private const string Cpt = "http://www.ama-assn.org/go/cpt";
    private const string Gender = "http://hl7.org/fhir/ValueSet/administrative-gender";

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenCoreValueSet_WhenExpandedByUrl_ThenItsCodesAndUsedCodeSystemAreReturned()
    {
        fixture.SkipIfUnavailable();
        var vs = await Wire.ReadAsync<ValueSet>(await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url={Gender}"));

        Assert.Equal(["female", "male", "other", "unknown"], vs.Expansion.Contains.Select(c => c.Code).Order());
        Assert.Equal(4, vs.Expansion.Total);
        Assert.Contains(vs.Expansion.Parameter, p => p.Name == "used-codesystem" && p.Value.ToString()!.StartsWith("http://hl7.org/fhir/administrative-gender|"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenInlineValueSetWithPropertyFilterAndTextFilter_WhenPosted_ThenOnlyMatchingCptCodesComeBack()
    {
        fixture.SkipIfUnavailable();
        var inline = new ValueSet
        {
            Url = "http://example.org/vs/cpt-modifiers", Status = PublicationStatus.Active,
            Compose = new ValueSet.ComposeComponent
            {
                Include = [new() { System = Cpt, Filter = [new() { Property = "modifier", Op = FilterOperator.Equal, Value = "true" }] }],
            },
        };
        var body = new Parameters().Add("valueSet", inline);
        body.Parameter[0].Value = null;
        body.Parameter[0].Resource = inline;

        var all = await Wire.ReadAsync<ValueSet>(await fixture.Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(body)));
        body.Add("filter", new FhirString("equipment"));
        var filtered = await Wire.ReadAsync<ValueSet>(await fixture.Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(body)));

        Assert.Equal(["1P", "25", "26", "2P", "3P", "50", "51", "52", "53", "57", "59", "63", "73", "74", "76", "77", "78", "79", "8P", "92", "93", "95", "P1", "P2", "P3", "P4", "P5", "P6", "TC", "XE", "XP", "XS", "XU"], all.Expansion.Contains.Select(c => c.Code).Order(StringComparer.Ordinal));
        Assert.Equal(["26", "TC"], filtered.Expansion.Contains.Select(c => c.Code).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTxResourceCodeSystem_WhenExpandedAndLookedUp_ThenItIsUsedButNeverStored()
    {
        fixture.SkipIfUnavailable();
        var cs = Resources.CrudTests<TFixture>.SampleCodeSystem("http://example.org/tx-only");
        var vs = new ValueSet { Url = "http://example.org/tx-only-vs", Status = PublicationStatus.Active, Compose = new() { Include = [new() { System = cs.Url }] } };
        var body = new Parameters { Parameter = [new() { Name = "url", Value = new FhirUri(vs.Url) }, new() { Name = "tx-resource", Resource = cs }, new() { Name = "tx-resource", Resource = vs }] };

        var response = await fixture.Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await Wire.ReadAsync<ValueSet>(response)).Expansion.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/fhir/CodeSystem/$lookup?system=http://example.org/tx-only&code=a")).StatusCode);
        Assert.Equal(0, (await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync("/fhir/CodeSystem?url=http://example.org/tx-only"))).Total);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheSameCodeSystemStoredOrSentAsTxResource_WhenExpandedAndValidated_ThenTheAnswersAgree()
    {
        fixture.SkipIfUnavailable();
        var stored = Resources.CrudTests<TFixture>.SampleCodeSystem($"http://example.org/same/{Guid.NewGuid():N}");
        stored.Id = "s" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.Created, (await fixture.Writer.PutAsync($"/fhir/CodeSystem/{stored.Id}", Wire.JsonBody(stored))).StatusCode);
        var local = Resources.CrudTests<TFixture>.SampleCodeSystem($"http://example.org/local/{Guid.NewGuid():N}");

        async Task<(List<string> Codes, string? Valid, string? Invalid)> AnswersAsync(CodeSystem cs, bool sendAsTxResource)
        {
            var vs = new ValueSet { Url = $"http://example.org/vs/{Guid.NewGuid():N}", Status = PublicationStatus.Active, Compose = new() { Include = [new() { System = cs.Url, Filter = [new() { Property = "concept", Op = FilterOperator.IsA, Value = "a" }] }] } };
            Parameters Body(Parameters.ParameterComponent extra)
            {
                var p = new Parameters { Parameter = [new() { Name = "valueSet", Resource = vs }, extra] };
                if (sendAsTxResource)
                {
                    p.Parameter.Add(new() { Name = "tx-resource", Resource = cs });
                }

                return p;
            }

            var expansion = await Wire.ReadAsync<ValueSet>(await fixture.Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(Body(new Parameters.ParameterComponent { Name = "excludeNested", Value = new FhirBoolean(true) }))));
            var valid = await Wire.ReadAsync<Parameters>(await fixture.Client.PostAsync("/fhir/ValueSet/$validate-code", Wire.JsonBody(Body(new Parameters.ParameterComponent { Name = "coding", Value = new Coding(cs.Url, "a1", "Alpha one") }))));
            var invalid = await Wire.ReadAsync<Parameters>(await fixture.Client.PostAsync("/fhir/ValueSet/$validate-code", Wire.JsonBody(Body(new Parameters.ParameterComponent { Name = "coding", Value = new Coding(cs.Url, "b") }))));
            return (expansion.Expansion.Contains.Select(c => $"{c.Code}:{c.Display}").Order(StringComparer.Ordinal).ToList(), valid.Value("result"), invalid.Value("result"));
        }

        var fromDatabase = await AnswersAsync(stored, sendAsTxResource: false);
        var fromRequest = await AnswersAsync(local, sendAsTxResource: true);

        Assert.Equal(["a1:Alpha one", "a:Alpha"], fromDatabase.Codes);
        Assert.Equal(fromDatabase.Codes, fromRequest.Codes);
        Assert.Equal((fromDatabase.Valid, fromDatabase.Invalid), (fromRequest.Valid, fromRequest.Invalid));
        Assert.Equal(("true", "false"), (fromDatabase.Valid, fromDatabase.Invalid));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenUnknownValueSet_WhenExpanded_Then404()
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync("/fhir/ValueSet/$expand?url=http://example.org/no-such-vs");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("http://example.org/no-such-vs", (await Wire.ReadOutcomeAsync(response)).Issue[0].Details.Text);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTooCostlyHeader_WhenExpandedWithoutCount_Then422TooCostly_AndWithCountItPages()
    {
        fixture.SkipIfUnavailable();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/ValueSet/$expand?url=http://hl7.org/fhir/ValueSet/cpt-all");
        request.Headers.Add("X-TOO-COSTLY-THRESHOLD", "10");
        var refused = await fixture.Client.SendAsync(request);
        var paged = await Wire.ReadAsync<ValueSet>(await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url=http://hl7.org/fhir/ValueSet/cpt-all&count=5&offset=5"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.TooCostly, (await Wire.ReadOutcomeAsync(refused)).Issue[0].Code);
        Assert.Equal(5, paged.Expansion.Contains.Count);
        Assert.Equal(5, paged.Expansion.Offset);
        Assert.True(paged.Expansion.Total > 25);
    }

    [SkippableTheory]
    [InlineData("code=male&system=http://hl7.org/fhir/administrative-gender", true)]
    [InlineData("code=male&system=http://hl7.org/fhir/administrative-gender&display=Male", true)]
    [InlineData("code=male&system=http://hl7.org/fhir/administrative-gender&display=Mle", false)]
    [InlineData("code=boy&system=http://hl7.org/fhir/administrative-gender", false)]
    [InlineData("coding=http://hl7.org/fhir/administrative-gender|female", true)]
    public async System.Threading.Tasks.Task GivenCode_WhenValidatedAgainstValueSet_Then200WithResult(string query, bool expected)
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync($"/fhir/ValueSet/$validate-code?url={Gender}&{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var p = await Wire.ReadAsync<Parameters>(response);
        Assert.Equal(expected, ((FhirBoolean)p.GetSingle("result").Value).Value);
        if (!expected)
        {
            Assert.False(string.IsNullOrEmpty(p.Value("message")));
        }
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenInactiveCptCode_WhenValidatedAgainstCodeSystem_ThenValidAndFlaggedInactive()
    {
        fixture.SkipIfUnavailable();
        var p = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={Cpt}&code=72275"));
        Assert.Equal("true", p.Value("result"));
        Assert.Equal("true", p.Value("inactive"));
        Assert.Equal("Epidurography, radiological supervision and interpretation", p.Value("display"));
    }

    [SkippableTheory]
    [InlineData("_ActAccountCode", "CASH", "subsumes")]
    [InlineData("CASH", "_ActAccountCode", "subsumed-by")]
    [InlineData("CASH", "CASH", "equivalent")]
    [InlineData("CASH", "PBILLACCT", "not-subsumed")]
    public async System.Threading.Tasks.Task GivenTwoCodes_WhenSubsumesAsked_ThenTheRelationIsReturned(string a, string b, string outcome)
    {
        fixture.SkipIfUnavailable();
        var p = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync(
            $"/fhir/CodeSystem/$subsumes?system=http://terminology.hl7.org/CodeSystem/v3-ActCode&codeA={a}&codeB={b}"));
        Assert.Equal(outcome, p.Value("outcome"));
    }
}

public sealed class SqliteValueSetApiTests(SqliteFixture fixture) : ValueSetApiTests<SqliteFixture>(fixture);

public sealed class PostgresValueSetApiTests(PostgresFixture fixture) : ValueSetApiTests<PostgresFixture>(fixture);
