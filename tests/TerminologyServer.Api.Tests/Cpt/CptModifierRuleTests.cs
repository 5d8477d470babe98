using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Cpt;

/// <summary>
/// Every CPT modifier rule of HL7's "Using CPT", a valid and a violating expression each, through
/// CodeSystem/$validate-code. The rule ids are those of the engine's cpt-rules.json.
/// </summary>
public abstract class CptModifierRuleTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    [SkippableTheory]
    [InlineData("1125F:1P")] // Category II modifier on a Category II code
    [InlineData("00630:P2")] // physical status on an anesthesia code
    [InlineData("01992:P3")]
    [InlineData("62321:XS")] // an X modifier without 59
    [InlineData("62321:59")]
    [InlineData("62321:50")] // 50 and 51 on ordinary codes
    [InlineData("62321:51")]
    [InlineData("62321:63")] // 63 in 20100-69990
    [InlineData("92920:63")] // 63 on a cardiac code CPT lists
    [InlineData("86701:92")] // 92 on 86701-86703 and 87389
    [InlineData("87389:92")]
    [InlineData("99213:95")] // 95 on a telemedicine code
    [InlineData("99213:25:95")] // one of each group, two modifiers
    [InlineData("62321:52:59")]
    [InlineData("62321:76:50")]
    [InlineData("99213:93")]
    [InlineData("72240:TC")] // professional/technical split
    [InlineData("72240:26")]
    public async System.Threading.Tasks.Task GivenAnExpressionThatKeepsEveryRule_WhenValidated_ThenItIsValidWithoutDisplay(string code)
    {
        fixture.SkipIfUnavailable();
        var p = await CptCalls.ValidateAsync(fixture.Client, code);

        Assert.True(p.Result(), p.Value("message"));
        Assert.Null(p.Value("display"));
        Assert.Empty(p.IssueIds());
    }

    [SkippableTheory]
    [InlineData("62321:1P", "CPT_CAT2_MODIFIER", "Category II")]
    [InlineData("72240:8P", "CPT_CAT2_MODIFIER", "Category II")]
    [InlineData("62321:P1", "CPT_PHYSICAL_STATUS_MODIFIER", "00100-01999")]
    [InlineData("62321:59:XS", "CPT_59_WITH_X", "XS")]
    [InlineData("62321:XE:59", "CPT_59_WITH_X", "XE")]
    [InlineData("1125F:50", "CPT_MODIFIER_NOT_ON_CAT2", "1125F")]
    [InlineData("1126F:51", "CPT_MODIFIER_NOT_ON_CAT2", "1126F")]
    [InlineData("72240:63", "CPT_63_RANGE", "20100-69990")]
    [InlineData("62321:92", "CPT_92_RANGE", "86701-86703")]
    [InlineData("72240:95", "CPT_95_TELEMEDICINE", "72240")]
    [InlineData("99213:25:57", "CPT_MUTUALLY_EXCLUSIVE", "25 and 57")]
    [InlineData("62321:52:53", "CPT_MUTUALLY_EXCLUSIVE", "52 and 53")]
    [InlineData("62321:76:77", "CPT_MUTUALLY_EXCLUSIVE", "76 and 77")]
    [InlineData("99213:93:95", "CPT_MUTUALLY_EXCLUSIVE", "93 and 95")]
    public async System.Threading.Tasks.Task GivenAnExpressionThatBreaksARule_WhenValidated_ThenItIsInvalidAndTheMessageSaysWhich(string code, string rule, string named)
    {
        fixture.SkipIfUnavailable();
        var p = await CptCalls.ValidateAsync(fixture.Client, code);

        Assert.False(p.Result());
        Assert.Contains((rule, OperationOutcome.IssueSeverity.Error), p.IssueIds());
        Assert.Contains(named, p.Value("message"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnExpressionOnTheInactiveCode72275_WhenValidated_ThenItIsValidWithTheInactiveWarning()
    {
        fixture.SkipIfUnavailable();
        var expression = await CptCalls.ValidateAsync(fixture.Client, "72275:26");
        var plain = await CptCalls.ValidateAsync(fixture.Client, "72275");

        Assert.True(expression.Result());
        Assert.Equal("true", expression.Value("inactive"));
        Assert.Equal(plain.IssueIds(), expression.IssueIds());
        Assert.Contains((ExpectedInactiveId, OperationOutcome.IssueSeverity.Warning), expression.IssueIds());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnExpressionWithADisplay_WhenValidated_ThenItIsValidAndSaysExpressionsHaveNoDisplay()
    {
        fixture.SkipIfUnavailable();
        var p = await CptCalls.ValidateAsync(fixture.Client, "62321:50", display: "Epidural injection, both sides");

        Assert.True(p.Result());
        Assert.Contains(("EXPRESSION_HAS_NO_DISPLAY", OperationOutcome.IssueSeverity.Warning), p.IssueIds());
    }

    private const string ExpectedInactiveId = "INACTIVE_CONCEPT_FOUND";
}

public sealed class SqliteCptModifierRuleTests(SqliteFixture fixture) : CptModifierRuleTests<SqliteFixture>(fixture);

public sealed class PostgresCptModifierRuleTests(PostgresFixture fixture) : CptModifierRuleTests<PostgresFixture>(fixture);
