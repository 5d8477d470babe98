using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Validate;

public class ValueSetValidatorTests
{
    private const string MammalsUrl = "http://example.org/vs/mammals";
    private static readonly ValueSetValidator Validator = new();

    private static ValueSet Mammals() => ValueSet(MammalsUrl, Filter(Animals, "concept", "is-a", "mammal"));

    private static ValidateCodeResult Validate(ValidateCodeRequest request, ValueSet? vs = null, ICodeSystemProvider? codeSystems = null) =>
        Validator.ValidateCode(request with { Url = request.Url ?? MammalsUrl }, VsRegistry(vs ?? Mammals()), codeSystems ?? Registry());

    private static string[] TxTypes(ValidateCodeResult result) =>
        result.Issues?.Issue.Select(i => i.Details!.Coding[0].Code!).ToArray() ?? [];

    [Fact]
    public void GivenACodeInTheValueSet_WhenValidating_ThenValidWithDisplayAndVersion()
    {
        var result = Validate(new ValidateCodeRequest { System = Animals, Code = "dog" });

        Assert.True(result.Result);
        Assert.Equal("dog", result.Code);
        Assert.Equal(Animals, result.System);
        Assert.Equal("1.0", result.Version);
        Assert.Equal("Dog", result.Display);
        Assert.Null(result.Message);
        Assert.Null(result.Issues);
    }

    [Fact]
    public void GivenAKnownCodeOutsideTheValueSet_WhenValidating_ThenFalseWithNotInVsAndNoException()
    {
        var result = Validate(new ValidateCodeRequest { System = Animals, Code = "parrot" });

        Assert.False(result.Result);
        Assert.Equal(["not-in-vs"], TxTypes(result));
        Assert.Equal("code", result.Issues!.Issue[0].Expression.Single());
        Assert.Contains($"'{Animals}#parrot' was not found in the value set '{MammalsUrl}|1'", result.Message);
    }

    [Fact]
    public void GivenAnUnknownCode_WhenValidatingACoding_ThenInvalidCodeAndNotInVsLocatedOnCodingCode()
    {
        var result = Validate(new ValidateCodeRequest { Coding = new Coding(Animals, "unicorn") });

        Assert.False(result.Result);
        Assert.Equal(["invalid-code", "not-in-vs"], TxTypes(result));
        Assert.All(result.Issues!.Issue, i => Assert.Equal("Coding.code", i.Expression.Single()));
        Assert.Contains("Unknown code 'unicorn'", result.Message);
    }

    [Fact]
    public void GivenAnUnknownSystem_WhenValidating_ThenItIsReportedAsSuch()
    {
        var result = Validate(new ValidateCodeRequest { System = "http://example.org/cs/nope", Code = "dog" });

        Assert.False(result.Result);
        Assert.Contains("not-found", TxTypes(result));
        Assert.Contains("A definition for CodeSystem 'http://example.org/cs/nope' could not be found", result.Message);
        Assert.Equal(["http://example.org/cs/nope"], result.UnknownSystems);
        Assert.Contains(result.Issues!.Issue, i => i.Expression.Single() == "system");
    }

    [Fact]
    public void GivenAWrongDisplay_WhenValidating_ThenFalseNamingTheRightDisplay()
    {
        var result = Validate(new ValidateCodeRequest { Coding = new Coding(Animals, "dog", "Doggo") });

        Assert.False(result.Result);
        Assert.Equal(["invalid-display"], TxTypes(result));
        Assert.Equal("Coding.display", result.Issues!.Issue[0].Expression.Single());
        Assert.Contains("Wrong Display Name 'Doggo'", result.Message);
        Assert.Contains("Valid display is one of 2 choices: 'Dog' (en) or 'Hund' (de)", result.Message);
    }

    [Fact]
    public void GivenAWrongDisplayAndLenientValidation_WhenValidating_ThenTrueWithAWarning()
    {
        var result = Validate(new ValidateCodeRequest { Coding = new Coding(Animals, "dog", "Doggo"), LenientDisplayValidation = true });

        Assert.True(result.Result);
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, result.Issues!.Issue.Single().Severity);
    }

    [Theory]
    [InlineData("Dog")]
    [InlineData("dog")]
    [InlineData("Hund")]
    public void GivenTheDisplayOrADesignation_WhenValidating_ThenValid(string display)
    {
        Assert.True(Validate(new ValidateCodeRequest { System = Animals, Code = "dog", Display = display }).Result);
    }

    [Fact]
    public void GivenADisplayWithWrongWhitespace_WhenValidating_ThenTheMessageSaysSo()
    {
        var result = Validate(new ValidateCodeRequest { System = Animals, Code = "whale", Display = "Blue  whale" });
        Assert.Contains("Wrong whitespace in Display Name", result.Message);
    }

    [Fact]
    public void GivenAnInactiveCode_WhenValidating_ThenValidWithInactiveStatusAndAWarning()
    {
        var result = Validate(new ValidateCodeRequest { Coding = new Coding(Animals, "whale") });

        Assert.True(result.Result);
        Assert.True(result.Inactive);
        Assert.Equal("retired", result.Status);
        Assert.Equal(["code-comment"], TxTypes(result));
        Assert.Equal("Coding", result.Issues!.Issue[0].Expression.Single());
    }

    [Fact]
    public void GivenAnInactiveCodeAndAValueSetOfActiveCodes_WhenValidating_ThenFalseWithCodeRule()
    {
        var vs = Mammals();
        vs.Compose!.Inactive = false;
        var result = Validate(new ValidateCodeRequest { Coding = new Coding(Animals, "whale") }, vs);

        Assert.False(result.Result);
        Assert.Contains("code-rule", TxTypes(result));
        Assert.Contains("not-in-vs", TxTypes(result));
    }

    [Fact]
    public void GivenAnAbstractCode_WhenAbstractIsNotAllowed_ThenFalseWithCodeRule()
    {
        var vs = ValueSet("http://example.org/vs/all", new ValueSet.ConceptSetComponent { System = Animals });

        Assert.True(Validate(new ValidateCodeRequest { Url = vs.Url, System = Animals, Code = "animal" }, vs).Result);
        var refused = Validate(new ValidateCodeRequest { Url = vs.Url, System = Animals, Code = "animal", Abstract = false }, vs);
        Assert.False(refused.Result);
        Assert.Equal(["not-in-vs", "code-rule"], TxTypes(refused));
    }

    [Fact]
    public void GivenACodeableConceptWithOneGoodCoding_WhenValidating_ThenValidFromThatCoding()
    {
        var cc = new CodeableConcept();
        cc.Coding.Add(new Coding(Animals, "parrot"));
        cc.Coding.Add(new Coding(Animals, "cat"));

        var result = Validate(new ValidateCodeRequest { CodeableConcept = cc });

        Assert.True(result.Result);
        Assert.Equal("cat", result.Code);
        Assert.Same(cc, result.CodeableConcept);
        var info = Assert.Single(result.Issues!.Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Information, info.Severity);
        Assert.Equal("CodeableConcept.coding[0].code", info.Expression.Single());
    }

    [Fact]
    public void GivenACodeableConceptWithNoGoodCoding_WhenValidating_ThenFalseWithAGeneralIssueFirstAndNoCodeNamed()
    {
        var cc = new CodeableConcept();
        cc.Coding.Add(new Coding(Animals, "parrot"));
        cc.Coding.Add(new Coding(Animals, "unicorn"));

        var result = Validate(new ValidateCodeRequest { CodeableConcept = cc });

        Assert.False(result.Result);
        Assert.Null(result.Code);
        Assert.Equal(["not-in-vs", "this-code-not-in-vs", "invalid-code", "this-code-not-in-vs"], TxTypes(result));
        Assert.Contains("No valid coding was found for the value set", result.Message);
    }

    [Fact]
    public void GivenABareCode_WhenTheValueSetHasOneSystemWithIt_ThenTheSystemIsInferred()
    {
        var result = Validate(new ValidateCodeRequest { Code = "cat", InferSystem = true });
        Assert.True(result.Result);
        Assert.Equal(Animals, result.System);

        var unknown = Validate(new ValidateCodeRequest { Code = "tiger", InferSystem = true });
        Assert.False(unknown.Result);
        Assert.Contains("cannot-infer", TxTypes(unknown));
    }

    [Fact]
    public void GivenAnUnknownValueSet_WhenValidating_ThenNotFoundIsThrown()
    {
        var ex = Assert.Throws<TerminologyException>(() => Validate(new ValidateCodeRequest { Url = "http://example.org/vs/nope", System = Animals, Code = "dog" }));
        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
    }

    [Fact]
    public void GivenAValueSetOverAHugeHierarchy_WhenValidating_ThenTheExpansionLimitDoesNotApply()
    {
        var small = new ValueSetValidator(new ValueSetEngineOptions { MaxExpansionSize = 1 });
        var result = small.ValidateCode(new ValidateCodeRequest { Url = MammalsUrl, System = Animals, Code = "cat" }, VsRegistry(Mammals()), Registry());
        Assert.True(result.Result);
    }

    [Fact]
    public void GivenTheValueSetPinsAVersion_WhenValidatingWithoutVersion_ThenThePinnedVersionIsUsed()
    {
        var include = Include(Animals, "dog");
        include.Version = "1.0";
        var vs = ValueSet("http://example.org/vs/pinned", include);
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));

        var result = Validate(new ValidateCodeRequest { Url = vs.Url, System = Animals, Code = "dog" }, vs, registry);
        Assert.True(result.Result);
        Assert.Equal("1.0", result.Version);
    }

    [Fact]
    public void GivenACodeSystem_WhenValidatingACodeInIt_ThenTheCodeSystemAnswers()
    {
        var good = Validator.ValidateCodeInCodeSystem(new ValidateCodeRequest { Url = Animals, Code = "eagle", Display = "Bald eagle" }, Registry());
        Assert.True(good.Result);
        Assert.Equal("Bald eagle", good.Display);

        var bad = Validator.ValidateCodeInCodeSystem(new ValidateCodeRequest { Url = Animals, Code = "unicorn" }, Registry());
        Assert.False(bad.Result);
        Assert.Equal(["invalid-code"], TxTypes(bad));

        var unknown = Validator.ValidateCodeInCodeSystem(new ValidateCodeRequest { Url = "http://example.org/cs/nope", Code = "x" }, Registry());
        Assert.False(unknown.Result);
        Assert.Equal(["http://example.org/cs/nope"], unknown.UnknownSystems);
    }

    [Fact]
    public void GivenAResult_WhenTurnedIntoParameters_ThenNamesFollowTheOperation()
    {
        var result = Validate(new ValidateCodeRequest { Coding = new Coding(Animals, "parrot") });
        var parameters = result.ToParameters();

        Assert.Equal(["code", "display", "issues", "message", "result", "system", "version"], parameters.Parameter.Select(p => p.Name));
        Assert.Equal(false, ((FhirBoolean)parameters.Parameter.Single(p => p.Name == "result").Value!).Value);
    }

    [Fact]
    public void GivenMembershipOnly_WhenTheDisplayIsWrong_ThenOnlyMembershipCounts()
    {
        var result = Validate(new ValidateCodeRequest { Coding = new Coding(Animals, "dog", "Doggo"), ValueSetMembershipOnly = true });
        Assert.True(result.Result);
    }
}
