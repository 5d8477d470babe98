using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Cpt;

/// <summary>CPT post-coordinated expressions in $lookup, $validate-code and $subsumes: the data they carry and their syntax errors.</summary>
public abstract class CptExpressionTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnExpression_WhenLookedUp_ThenTheBaseDataComesWithModifiedAndEachModifierAndItsDefinition()
    {
        fixture.SkipIfUnavailable();
        var modifier50 = await LookupAsync("50");
        var modifier59 = await LookupAsync("59");

        var p = await LookupAsync("62321:50:59");

        Assert.Null(p.Value("display"));
        Assert.Equal(["true"], p.PropertyValues("modified").Select(v => v.ToString()));
        Assert.Equal(["code"], p.PropertyValues("kind").Select(v => v.ToString()));
        Assert.Equal(["false", "50", "59"], p.PropertyValues("modifier").Select(v => v.ToString()));
        Assert.Equal([modifier50.Value("display"), modifier59.Value("display")], p.PropertyValues("modifier-definition").Select(v => v.ToString()));
        Assert.Equal("false", p.PropertyValues("inactive").Single().ToString());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnExpressionOnATelemedicineCode_WhenLookedUp_ThenTheBaseFlagsAreKept()
    {
        fixture.SkipIfUnavailable();
        var p = await LookupAsync("99213:95");

        Assert.Equal(["true"], p.PropertyValues("telemedicine").Select(v => v.ToString()));
        Assert.Equal(["false", "95"], p.PropertyValues("modifier").Select(v => v.ToString()));
    }

    [SkippableTheory]
    [InlineData("62321-50", "CPT_EXPRESSION_SEPARATOR", "'62321:50'")]
    [InlineData("62321.50", "CPT_EXPRESSION_SEPARATOR", "'62321:50'")]
    [InlineData("99213-25-59", "CPT_EXPRESSION_SEPARATOR", "'99213:25:59'")]
    [InlineData("62321:50-59", "CPT_EXPRESSION_SEPARATOR", "'62321:50:59'")]
    [InlineData("62321:", "CPT_EXPRESSION_EMPTY_PART", "'62321:50'")]
    [InlineData("62321::50", "CPT_EXPRESSION_EMPTY_PART", "'62321:50'")]
    [InlineData("62321:5", "CPT_EXPRESSION_MODIFIER_FORM", "two characters")]
    [InlineData("6232:50", "CPT_EXPRESSION_BASE", "five-character")]
    [InlineData("62321:5 0", "CPT_EXPRESSION_SYNTAX", "letters or digits")]
    [InlineData("62321:50:51:52:59:76", "CPT_EXPRESSION_TOO_MANY", "at most 4")]
    [InlineData("26:50", "CPT_EXPRESSION_BASE", "five-character")]
    [InlineData("62321:50:50", "CPT_EXPRESSION_REPEATED_MODIFIER", "more than once")]
    [InlineData("62321:72240", "CPT_EXPRESSION_MODIFIER_FORM", "two characters")]
    public async System.Threading.Tasks.Task GivenAMalformedExpression_WhenValidated_ThenItIsInvalidAndTheMessageShowsTheRightForm(string code, string id, string shown)
    {
        fixture.SkipIfUnavailable();
        var p = await CptCalls.ValidateAsync(fixture.Client, code);

        Assert.False(p.Result());
        Assert.Contains((id, OperationOutcome.IssueSeverity.Error), p.IssueIds());
        Assert.Contains(shown, p.Value("message"));
    }

    [SkippableTheory]
    [InlineData("62321:ZZ", "CPT_EXPRESSION_UNKNOWN_MODIFIER", "'ZZ'")]
    [InlineData("99999:50", "CPT_EXPRESSION_UNKNOWN_BASE", "'99999'")]
    public async System.Threading.Tasks.Task GivenAnExpressionWithAnUnknownPart_WhenValidated_ThenTheMessageNamesThatPart(string code, string id, string part)
    {
        fixture.SkipIfUnavailable();
        var p = await CptCalls.ValidateAsync(fixture.Client, code);

        // In the shipped fragment the part may exist in the full CPT (a warning); in a complete import it is an error.
        Assert.Contains(p.IssueIds(), i => i.Id == id);
        Assert.Contains(part, string.Join(" ", ((OperationOutcome)p.GetSingle("issues").Resource).Issue.Select(i => i.Details.Text)));
        Assert.DoesNotContain(p.IssueIds(), i => i.Id is "Unknown_Code_in_Version" or "UNKNOWN_CODE_IN_FRAGMENT");
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnExpressionWithTheWrongSeparator_WhenLookedUp_ThenTheNotFoundMessageShowsTheRightForm()
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={CptCalls.System}&code=62321-50");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = (await Wire.ReadOutcomeAsync(response)).Issue[0].Details.Text;
        Assert.Contains("'62321:50'", text);
    }

    [SkippableTheory]
    [InlineData("62321", "62321:50", "not-subsumed")]
    [InlineData("62321:50", "62321", "not-subsumed")]
    [InlineData("62321:50", "62321:59", "not-subsumed")]
    [InlineData("62321", "62322", "not-subsumed")]
    [InlineData("62321:50", "62321:50", "equivalent")]
    public async System.Threading.Tasks.Task GivenTwoCptCodes_WhenSubsumesAsked_ThenCptHasNoSubsumption(string a, string b, string outcome)
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$subsumes?system={CptCalls.System}&codeA={a}&codeB={b}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(outcome, (await Wire.ReadAsync<Parameters>(response)).Value("outcome"));
    }

    [SkippableTheory]
    [InlineData("contrast spinal", "72240")] // words of the display
    [InlineData("mpox", "90611")]
    [InlineData("clinic visit", "99213")] // only in the consumer descriptor (a designation)
    [InlineData("prone", "01992")] // only in the short descriptor
    public async System.Threading.Tasks.Task GivenWordsOfADescriptor_WhenSearchedWithTheTextFilter_ThenTheCodeIsFound(string text, string code)
    {
        fixture.SkipIfUnavailable();
        var codes = CptCalls.Codes(await CptCalls.ExpandAsync(fixture.Client, CptCalls.Base, filter: text));

        Assert.Contains(code, codes);
        Assert.True(codes.Count < 20, string.Join(", ", codes));
    }

    private async Task<Parameters> LookupAsync(string code)
    {
        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={CptCalls.System}&code={Uri.EscapeDataString(code)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Wire.ReadAsync<Parameters>(response);
    }
}

public sealed class SqliteCptExpressionTests(SqliteFixture fixture) : CptExpressionTests<SqliteFixture>(fixture);

public sealed class PostgresCptExpressionTests(PostgresFixture fixture) : CptExpressionTests<PostgresFixture>(fixture);
