using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.ValueSets;

/// <summary>
/// <c>ValueSet/$batch-validate-code</c> (tx-ecosystem): one answer per <c>validation</c>, in order; batch-wide
/// parameters apply to every validation unless it gives its own; a failing validation answers with its
/// OperationOutcome while the others go on.
/// </summary>
public sealed class BatchValidateCodeTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private const string Gender = "http://hl7.org/fhir/ValueSet/administrative-gender";
    private const string GenderSystem = "http://hl7.org/fhir/administrative-gender";

    private static Parameters.ParameterComponent Validation(params (string Name, DataType Value)[] parameters) => new()
    {
        Name = "validation",
        Resource = new Parameters { Parameter = parameters.Select(p => new Parameters.ParameterComponent { Name = p.Name, Value = p.Value }).ToList() },
    };

    [Fact]
    public async System.Threading.Tasks.Task GivenThreeValidationsSharingAUrl_WhenBatched_ThenEachHasItsOwnAnswerInOrder()
    {
        var batch = new Parameters();
        batch.Add("url", new FhirUri(Gender));
        batch.Parameter.Add(Validation(("system", new FhirUri(GenderSystem)), ("code", new Code("male"))));
        batch.Parameter.Add(Validation(("system", new FhirUri(GenderSystem)), ("code", new Code("not-a-gender"))));
        batch.Parameter.Add(Validation(("coding", new Coding(GenderSystem, "female", "Female"))));

        var response = await fixture.Client.PostAsync("/fhir/ValueSet/$batch-validate-code", Wire.JsonBody(batch));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await Wire.ReadAsync<Parameters>(response)).Parameter.Where(p => p.Name == "validation").Select(p => Assert.IsType<Parameters>(p.Resource)).ToList();
        Assert.Equal(["true", "false", "true"], answers.Select(a => a.Value("result")));
        Assert.Contains("not-a-gender", answers[1].Value("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAValidationWithItsOwnUrl_WhenBatched_ThenItOverridesTheBatchWideOne()
    {
        var batch = new Parameters();
        batch.Add("url", new FhirUri("http://example.org/no-such-value-set"));
        batch.Parameter.Add(Validation(("url", new FhirUri(Gender)), ("system", new FhirUri(GenderSystem)), ("code", new Code("other"))));

        var answers = (await Wire.ReadAsync<Parameters>(await fixture.Client.PostAsync("/fhir/ValueSet/$batch-validate-code", Wire.JsonBody(batch))))
            .Parameter.Where(p => p.Name == "validation").ToList();

        Assert.Equal("true", Assert.IsType<Parameters>(Assert.Single(answers).Resource).Value("result"));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAValidationWithoutParameters_WhenBatched_ThenThatOneAnswersWithAnOutcomeAndTheOthersGoOn()
    {
        var batch = new Parameters();
        batch.Add("url", new FhirUri(Gender));
        batch.Parameter.Add(new Parameters.ParameterComponent { Name = "validation", Resource = new OperationOutcome() });
        batch.Parameter.Add(Validation(("system", new FhirUri(GenderSystem)), ("code", new Code("unknown"))));

        var response = await fixture.Client.PostAsync("/fhir/ValueSet/$batch-validate-code", Wire.JsonBody(batch));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await Wire.ReadAsync<Parameters>(response)).Parameter.Where(p => p.Name == "validation").Select(p => p.Resource).ToList();
        Assert.IsType<OperationOutcome>(answers[0]);
        Assert.Equal("true", Assert.IsType<Parameters>(answers[1]).Value("result"));
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenABodyThatIsNotParameters_WhenBatched_Then400WithAnOutcome()
    {
        var response = await fixture.Client.PostAsync("/fhir/ValueSet/$batch-validate-code", Wire.JsonBody(new ValueSet { Url = "http://example.org/vs" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Parameters", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }
}
