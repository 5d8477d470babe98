using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Validate;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Validate;

/// <summary>
/// The answer of $validate-code for combinations of problems (docs/conformance.md, "$validate-code answers"):
/// each problem is one issue, none is lost because another was found, and asking for membership only leaves
/// the code system's own judgement out.
/// </summary>
public class ValidateCodeRuleTests
{
    private const string Instruments = "http://example.org/cs/instruments";

    /// <summary>violin, cello, lute (inactive: its status is retired).</summary>
    private static CodeSystemRegistry Systems()
    {
        var cs = new CodeSystem { Url = Instruments, Version = "2.1", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete, CaseSensitive = true };
        cs.Property.Add(new CodeSystem.PropertyComponent { Code = "status", Type = CodeSystem.PropertyType.Code });
        cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "violin", Display = "Violin" });
        cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "cello", Display = "Cello" });
        var lute = new CodeSystem.ConceptDefinitionComponent { Code = "lute", Display = "Lute" };
        lute.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = "status", Value = new Code("retired") });
        cs.Concept.Add(lute);
        return Registry(cs);
    }

    private static ValidateCodeResult Validate(ValueSet vs, ValidateCodeRequest request) =>
        new ValueSetValidator().ValidateCode(request with { ValueSet = vs }, VsRegistry(), Systems());

    private static string[] Kinds(ValidateCodeResult result) =>
        result.Issues?.Issue.Select(i => $"{i.Severity} {i.Details!.Coding[0].Code}").Order().ToArray() ?? [];

    private static ValueSet Everything() => ValueSet("http://example.org/vs/instruments", new ValueSet.ConceptSetComponent { System = Instruments });

    [Fact]
    public void GivenAnInactiveCodeWithAWrongDisplay_WhenValidating_ThenBothTheInactiveWarningAndTheDisplayErrorAreReported()
    {
        var result = Validate(Everything(), new ValidateCodeRequest { Coding = new Coding(Instruments, "lute", "Oud") });

        Assert.False(result.Result);
        Assert.True(result.Inactive);
        Assert.Equal("retired", result.Status);
        Assert.Equal(["Error invalid-display", "Warning code-comment"], Kinds(result));
        Assert.Contains("Wrong Display Name 'Oud'", result.Message);
    }

    [Fact]
    public void GivenAnInactiveCodeWithItsDisplay_WhenValidating_ThenValidWithTheInactiveWarningOnly()
    {
        var result = Validate(Everything(), new ValidateCodeRequest { Coding = new Coding(Instruments, "lute", "Lute") });

        Assert.True(result.Result);
        Assert.True(result.Inactive);
        Assert.Equal(["Warning code-comment"], Kinds(result));
        Assert.Equal("The concept 'lute' has a status of retired and inactive and its use should be reviewed", result.Message);
    }

    [Fact]
    public void GivenACodeableConceptWithAWrongDisplayAndAnUnknownCode_WhenValidating_ThenEachProblemIsOneIssue()
    {
        var cc = new CodeableConcept();
        cc.Coding.Add(new Coding(Instruments, "violin", "Fiddle"));
        cc.Coding.Add(new Coding(Instruments, "harp"));

        var result = Validate(ValueSet("http://example.org/vs/low-strings", Include(Instruments, "cello")), new ValidateCodeRequest { CodeableConcept = cc });

        Assert.False(result.Result);
        Assert.Equal(
            ["Error invalid-code", "Error invalid-display", "Error not-in-vs", "Information this-code-not-in-vs", "Information this-code-not-in-vs"],
            Kinds(result));
    }

    [Fact]
    public void GivenMembershipOnly_WhenACodeableConceptHasNoMember_ThenOnlyMembershipIsReported()
    {
        var cc = new CodeableConcept();
        cc.Coding.Add(new Coding(Instruments, "violin", "Fiddle"));
        cc.Coding.Add(new Coding(Instruments, "harp"));

        var result = Validate(
            ValueSet("http://example.org/vs/low-strings", Include(Instruments, "cello")),
            new ValidateCodeRequest { CodeableConcept = cc, ValueSetMembershipOnly = true });

        Assert.False(result.Result);
        Assert.Equal(["Error not-in-vs", "Information this-code-not-in-vs", "Information this-code-not-in-vs"], Kinds(result));
        Assert.Equal("No valid coding was found for the value set 'http://example.org/vs/low-strings|1'", result.Message);
    }

    [Fact]
    public void GivenMembershipOnly_WhenTheMemberHasAWrongDisplay_ThenItIsValid()
    {
        var result = Validate(
            ValueSet("http://example.org/vs/low-strings", Include(Instruments, "cello")),
            new ValidateCodeRequest { Coding = new Coding(Instruments, "cello", "Violoncello"), ValueSetMembershipOnly = true });

        Assert.True(result.Result);
        Assert.Empty(Kinds(result));
    }
}
