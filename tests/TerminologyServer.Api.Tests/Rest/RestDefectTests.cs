using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Rest;

/// <summary>The defects of issue 15 found by probing the server as a FHIR client would, each pinned by a test, on every provider.</summary>
public abstract class RestDefectTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private const string Gender = "http://hl7.org/fhir/ValueSet/administrative-gender";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, Wire.Json);

    private static CodeSystem Flat(string url, params (string Code, string? Parent)[] concepts) => new()
    {
        Url = url,
        Status = PublicationStatus.Active,
        Content = CodeSystemContentMode.Complete,
        Property = [new() { Code = "parent", Type = CodeSystem.PropertyType.Code }],
        Concept = concepts.Select(c => new CodeSystem.ConceptDefinitionComponent
        {
            Code = c.Code,
            Display = c.Code.ToUpperInvariant(),
            Property = c.Parent is null ? [] : [new() { Code = "parent", Value = new Code(c.Parent) }],
        }).ToList(),
    };

    [SkippableTheory]
    [InlineData("/fhir/ValueSet/administrative-gender/$expand")]
    [InlineData("/fhir/CodeSystem/administrative-gender/$validate-code")]
    [InlineData("/fhir/ValueSet/administrative-gender/$validate-code")]
    [InlineData("/fhir/CodeSystem/administrative-gender/$lookup")]
    [InlineData("/fhir/CodeSystem/administrative-gender/$subsumes")]
    [InlineData("/fhir/ConceptMap/cm-administrative-gender-v2/$translate")]
    [InlineData("/fhir/ValueSet/$batch-validate-code")]
    public async System.Threading.Tasks.Task GivenAnEmptyParametersBody_WhenAnOperationIsPosted_ThenItAnswersAsAGetWithoutArgumentsWould(string path)
    {
        fixture.SkipIfUnavailable();

        var get = await fixture.Client.GetAsync(path);
        var post = await fixture.Client.PostAsync(path, Json("{\"resourceType\":\"Parameters\"}"));

        var text = await post.Content.ReadAsStringAsync();
        Assert.DoesNotContain("at least one property", text, StringComparison.Ordinal);
        if (path.EndsWith("$batch-validate-code", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            return;
        }

        Assert.Equal(get.StatusCode, post.StatusCode);
        if (path.EndsWith("$expand", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Equal(4, (await Wire.ReadAsync<ValueSet>(post)).Expansion.Total);
        }
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnEmptyParametersBodyInXml_WhenExpandIsPosted_ThenItAnswersAsAGetWould()
    {
        fixture.SkipIfUnavailable();
        var post = await fixture.Client.PostAsync("/fhir/ValueSet/administrative-gender/$expand",
            new StringContent("<Parameters xmlns=\"http://hl7.org/fhir\"/>", Encoding.UTF8, Wire.Xml));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(4, (await Wire.ReadAsync<ValueSet>(post)).Expansion.Total);
    }

    private async Task<string> TwoMapsAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        ConceptMap Map(string id, string targetSystem, string targetCode, string targetScope) => new()
        {
            Id = id,
            Url = $"http://example.org/cm/{id}",
            Status = PublicationStatus.Active,
            Source = new Canonical($"http://example.org/vs/{tag}-source"),
            Target = new Canonical(targetScope),
            Group =
            [
                new()
                {
                    Source = $"http://example.org/cs/{tag}-source",
                    Target = targetSystem,
                    Element = [new() { Code = "s1", Target = [new() { Code = targetCode, Equivalence = ConceptMapEquivalence.Wider }] }],
                },
            ],
        };

        foreach (var map in new[]
        {
            Map($"{tag}-a", $"http://example.org/cs/{tag}-a", "a1", $"http://example.org/vs/{tag}-a"),
            Map($"{tag}-b", $"http://example.org/cs/{tag}-b", "b1", $"http://example.org/vs/{tag}-b"),
        })
        {
            var put = await fixture.Writer.PutAsync($"/fhir/ConceptMap/{map.Id}", Wire.JsonBody(map));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        return tag;
    }

    [SkippableTheory]
    [InlineData("target")]
    [InlineData("targetScope")]
    public async System.Threading.Tasks.Task GivenTwoMapsWithDifferentTargets_WhenTranslatingWithATargetScope_ThenOnlyThatMapAnswers(string parameter)
    {
        fixture.SkipIfUnavailable();
        var tag = await TwoMapsAsync();

        var answer = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync(
            $"/fhir/ConceptMap/$translate?system=http://example.org/cs/{tag}-source&code=s1&{parameter}=http://example.org/vs/{tag}-b"));

        var match = Assert.Single(answer.Parameter, p => p.Name == "match");
        Assert.Equal("b1", ((Coding)match.Part.Single(p => p.Name == "concept").Value).Code);
        Assert.Equal("true", answer.Value("result"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAMap_WhenTranslatingInReverse_ThenTheMatchIsTheSourceCode()
    {
        fixture.SkipIfUnavailable();
        var tag = await TwoMapsAsync();

        var answer = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync(
            $"/fhir/ConceptMap/$translate?system=http://example.org/cs/{tag}-a&code=a1&reverse=true"));

        var match = Assert.Single(answer.Parameter, p => p.Name == "match");
        var concept = (Coding)match.Part.Single(p => p.Name == "concept").Value;
        Assert.Equal(($"http://example.org/cs/{tag}-source", "s1"), (concept.System, concept.Code));
        // The map says the target is wider than the source; read backwards the source is narrower.
        Assert.Equal("narrower", match.Part.Single(p => p.Name == "equivalence").Value.ToString());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAMap_WhenAskedByR5TargetCode_ThenTheMatchIsTheCodeAskedWithItsSource()
    {
        fixture.SkipIfUnavailable();
        var tag = await TwoMapsAsync();

        var answer = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync(
            $"/fhir/ConceptMap/$translate?sourceSystem=http://example.org/cs/{tag}-source&targetCode=a1&targetSystem=http://example.org/cs/{tag}-a"));

        var match = Assert.Single(answer.Parameter, p => p.Name == "match");
        Assert.Equal("a1", ((Coding)match.Part.Single(p => p.Name == "concept").Value).Code);
        Assert.Equal("s1", ((Coding)match.Part.Single(p => p.Name == "source").Value).Code);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenACodeSystemWithAParentCycle_WhenCreatedOrUpdated_ThenRefusedNamingTheCodes()
    {
        fixture.SkipIfUnavailable();
        var url = $"http://example.org/cycle/{Guid.NewGuid():N}";

        var created = await fixture.Writer.PostAsync("/fhir/CodeSystem", Wire.JsonBody(Flat(url, ("a", "b"), ("b", "a"), ("c", null))));
        var id = "c" + Guid.NewGuid().ToString("N")[..12];
        var good = Flat(url + "-ok", ("a", null), ("b", "a"));
        good.Id = id;
        Assert.Equal(HttpStatusCode.Created, (await fixture.Writer.PutAsync($"/fhir/CodeSystem/{id}", Wire.JsonBody(good))).StatusCode);
        var bad = Flat(url + "-ok", ("a", "b"), ("b", "a"));
        bad.Id = id;
        var updated = await fixture.Writer.PutAsync($"/fhir/CodeSystem/{id}", Wire.JsonBody(bad));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("'a'", (await Wire.ReadOutcomeAsync(created)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("cycle", (await Wire.ReadOutcomeAsync(created)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, updated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={url}&code=a")).StatusCode);
        var subsumes = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync($"/fhir/CodeSystem/$subsumes?system={url}-ok&codeA=a&codeB=b"));
        Assert.Equal("subsumes", subsumes.Value("outcome"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenACodeSystemWithANestedCycleThroughChildProperty_WhenCreated_ThenRefused()
    {
        fixture.SkipIfUnavailable();
        var cs = Flat($"http://example.org/cycle/{Guid.NewGuid():N}", ("a", null));
        cs.Concept[0].Concept.Add(new CodeSystem.ConceptDefinitionComponent
        {
            Code = "b",
            Property = [new() { Code = "child", Value = new Code("a") }],
        });

        var created = await fixture.Writer.PostAsync("/fhir/CodeSystem", Wire.JsonBody(cs));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenACodeSystemWithACodeTwice_WhenCreated_ThenRefusedNamingTheCode()
    {
        fixture.SkipIfUnavailable();
        var url = $"http://example.org/dup/{Guid.NewGuid():N}";

        var created = await fixture.Writer.PostAsync("/fhir/CodeSystem", Wire.JsonBody(Flat(url, ("a", null), ("twice", null), ("twice", "a"))));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("'twice'", (await Wire.ReadOutcomeAsync(created)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url={url}/vs")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("/fhir/ValueSet/$expand?url=" + Gender + "&date=garbage")]
    [InlineData("/fhir/ValueSet/$validate-code?url=" + Gender + "&system=http://hl7.org/fhir/administrative-gender&code=male&date=2024-13-45")]
    [InlineData("/fhir/CodeSystem/$lookup?system=http://hl7.org/fhir/administrative-gender&code=male&date=yesterday")]
    [InlineData("/fhir/metadata?mode=bogus")]
    public async System.Threading.Tasks.Task GivenAMalformedParameter_WhenCalled_ThenBadRequestNamingIt(string target)
    {
        fixture.SkipIfUnavailable();

        var response = await fixture.Client.GetAsync(target);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics;
        Assert.True(text.Contains("date", StringComparison.Ordinal) || text.Contains("mode", StringComparison.Ordinal), text);
    }

    [SkippableTheory]
    [InlineData("/fhir/ValueSet/$expand?url=" + Gender + "&date=2024-05-31")]
    [InlineData("/fhir/metadata?mode=full")]
    public async System.Threading.Tasks.Task GivenAWellFormedParameter_WhenCalled_ThenOk(string target)
    {
        fixture.SkipIfUnavailable();
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync(target)).StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenNoToken_WhenImportStatusIsPolled_ThenTheMessageDoesNotCallItAWrite()
    {
        fixture.SkipIfUnavailable();

        var response = await fixture.Client.GetAsync("/fhir/$import-status/unknown");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var text = (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics;
        Assert.DoesNotContain("modifies", text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/fhir/CodeSystem/$validate-code?url=urn:ietf:bcp:47&code=xx-XX-bogus-nonsense")]
    [InlineData("/fhir/CodeSystem/$validate-code?url=http://unitsofmeasure.org&code=mg/xx")]
    [InlineData("/fhir/CodeSystem/$validate-code?url=urn:iso:std:iso:3166&code=XXX")]
    [InlineData("/fhir/ValueSet/$validate-code?url=http://hl7.org/fhir/ValueSet/languages&system=urn:ietf:bcp:47&code=qq-QQ")]
    public async System.Threading.Tasks.Task GivenAGrammarCodeSystem_WhenACodeIsInvalid_ThenTheMessageHasNoEmptyVersion(string target)
    {
        fixture.SkipIfUnavailable();

        var answer = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync(target));

        Assert.Equal("false", answer.Value("result"));
        Assert.DoesNotContain("version ''", answer.Value("message") ?? "", StringComparison.Ordinal);
        var issues = answer.Parameter.FirstOrDefault(p => p.Name == "issues")?.Resource as OperationOutcome;
        Assert.All(issues?.Issue ?? [], i => Assert.DoesNotContain("version ''", i.Details?.Text ?? "", StringComparison.Ordinal));
    }
}

public sealed class SqliteRestDefectTests(SqliteFixture fixture) : RestDefectTests<SqliteFixture>(fixture);

public sealed class PostgresRestDefectTests(PostgresFixture fixture) : RestDefectTests<PostgresFixture>(fixture);
