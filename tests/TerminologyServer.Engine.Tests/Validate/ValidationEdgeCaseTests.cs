using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Validate;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;
using FhirCanonical = Hl7.Fhir.Model.Canonical;

namespace TerminologyServer.Engine.Tests.Validate;

/// <summary>Versions, languages, imports and partial code systems in $validate-code.</summary>
public class ValidationEdgeCaseTests
{
    private static readonly ValueSetValidator Validator = new();

    private static ValidateCodeResult Validate(ValueSet vs, ValidateCodeRequest request, ICodeSystemProvider? codeSystems = null, params ValueSet[] others) =>
        Validator.ValidateCode(request with { ValueSet = vs }, VsRegistry(others), codeSystems ?? Registry());

    private static string[] TxTypes(ValidateCodeResult result) =>
        result.Issues?.Issue.Select(i => i.Details!.Coding[0].Code!).ToArray() ?? [];

    private static ValueSet AllAnimals(string? version = null)
    {
        var include = new ValueSet.ConceptSetComponent { System = Animals, Version = version };
        return ValueSet("http://example.org/vs/all", include);
    }

    [Fact]
    public void GivenAnImportOfAContainedValueSet_WhenValidating_ThenTheContainedOneIsUsed()
    {
        var contained = ValueSet("http://example.org/vs/inner", Include(Animals, "dog"));
        contained.Id = "inner";
        var include = new ValueSet.ConceptSetComponent();
        include.ValueSetElement.Add(new FhirCanonical("#inner"));
        var vs = ValueSet("http://example.org/vs/outer", include);
        vs.Contained.Add(contained);

        Assert.True(Validate(vs, new ValidateCodeRequest { System = Animals, Code = "dog" }).Result);
        Assert.False(Validate(vs, new ValidateCodeRequest { System = Animals, Code = "cat" }).Result);
    }

    [Fact]
    public void GivenAnImportThatCannotBeFound_WhenValidating_ThenFalseWithNotFoundRatherThanAnError()
    {
        var include = new ValueSet.ConceptSetComponent();
        include.ValueSetElement.Add(new FhirCanonical("http://example.org/vs/missing"));
        var vs = ValueSet("http://example.org/vs/outer", include);

        var result = Validate(vs, new ValidateCodeRequest { System = Animals, Code = "dog" });

        Assert.False(result.Result);
        Assert.Equal(["not-found"], TxTypes(result));
        Assert.Contains("http://example.org/vs/missing", result.Message);
    }

    [Fact]
    public void GivenAFragmentCodeSystem_WhenACodeIsNotInIt_ThenOnlyAWarning()
    {
        var fragment = new CodeSystem { Url = "http://example.org/cs/frag", Version = "1", Content = CodeSystemContentMode.Fragment, Status = PublicationStatus.Active };
        fragment.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "a", Display = "A" });
        var vs = ValueSet("http://example.org/vs/frag", new ValueSet.ConceptSetComponent { System = fragment.Url });

        var result = Validate(vs, new ValidateCodeRequest { System = fragment.Url, Code = "zz" }, Registry(fragment));

        Assert.True(result.Result);
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, Assert.Single(result.Issues!.Issue).Severity);
    }

    [Fact]
    public void GivenACodingWithAVersionTheServerLacks_WhenValidating_ThenNotFoundAndTheDisplayOfTheVersionInUse()
    {
        var result = Validate(AllAnimals(), new ValidateCodeRequest { Coding = new Coding(Animals, "dog") { Version = "9.9" } });

        Assert.False(result.Result);
        Assert.Contains("not-found", TxTypes(result));
        Assert.Contains("vs-invalid", TxTypes(result));
        Assert.Equal([$"{Animals}|9.9"], result.CausedByUnknownSystems);
        Assert.Equal("Dog", result.Display);
    }

    [Fact]
    public void GivenTheValueSetPinsAnotherVersionThanTheCoding_WhenValidating_ThenVsInvalidAndThePinnedVersionAnswers()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));

        var result = Validate(AllAnimals("2.0"), new ValidateCodeRequest { Coding = new Coding(Animals, "dog") { Version = "1.0" } }, registry);

        Assert.False(result.Result);
        Assert.Equal(["vs-invalid"], TxTypes(result));
        Assert.Equal("2.0", result.Version);
        Assert.True(Validate(AllAnimals("1.x"), new ValidateCodeRequest { Coding = new Coding(Animals, "dog") { Version = "1.0" } }, registry).Result);
    }

    [Fact]
    public void GivenASystemVersionParameterFillsAVersionlessInclude_WhenTheCodingStatesAnUnknownVersion_ThenTheMessageNamesTheChange()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));
        var request = new ValidateCodeRequest { Coding = new Coding(Animals, "dog") { Version = "9.9" }, SystemVersions = [$"{Animals}|1.0"] };

        var result = Validate(AllAnimals(), request, registry);

        var mismatch = result.Issues!.Issue.Single(i => i.Details.Coding[0].Code == "vs-invalid");
        Assert.Equal($"The code system '{Animals}' version '1.0' resulting from the version '' in the ValueSet include is different to the one in the value ('9.9')", mismatch.Details.Text);
        Assert.Equal("VALUESET_VALUE_MISMATCH_CHANGED", MessageId(mismatch));
    }

    [Fact]
    public void GivenAForcedVersionPattern_WhenTheIncludePinsAVersion_ThenTheMessageShowsThePatternAndThePinnedVersion()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));
        var request = new ValidateCodeRequest { Coding = new Coding(Animals, "dog") { Version = "9.9" }, ForceSystemVersions = [$"{Animals}|1.x"] };

        var result = Validate(AllAnimals("2.0"), request, registry);

        var mismatch = result.Issues!.Issue.Single(i => i.Details.Coding[0].Code == "vs-invalid");
        Assert.Contains("version '1.x' resulting from the version '2.0' in the ValueSet include", mismatch.Details.Text);
    }

    [Fact]
    public void GivenAnUnknownCode_WhenValidating_ThenTheIssuesCarryTxFhirOrgMessageIds()
    {
        var result = Validate(AllAnimals(), new ValidateCodeRequest { System = Animals, Code = "unicorn" });

        Assert.Equal(
            ["None_of_the_provided_codes_are_in_the_value_set_one", "Unknown_Code_in_Version"],
            result.Issues!.Issue.Select(i => MessageId(i) ?? "").Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void GivenAFragmentCodeSystem_WhenACodeIsNotInIt_ThenTheWarningStaysOutOfTheMessage()
    {
        var fragment = new CodeSystem { Url = "http://example.org/cs/frag", Version = "1", Content = CodeSystemContentMode.Fragment, Status = PublicationStatus.Active };
        fragment.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "a", Display = "A" });
        var vs = ValueSet("http://example.org/vs/frag", new ValueSet.ConceptSetComponent { System = fragment.Url });

        var result = Validate(vs, new ValidateCodeRequest { System = fragment.Url, Code = "zz" }, Registry(fragment));

        Assert.Null(result.Message);
        Assert.Single(result.Issues!.Issue);
    }

    [Fact]
    public void GivenAConceptMarkedDeprecatedByStandardsStatus_WhenValidating_ThenValidWithStatusDeprecatedAndAWarning()
    {
        var cs = new CodeSystem { Url = "http://example.org/cs/dep", Version = "1", Content = CodeSystemContentMode.Complete, Status = PublicationStatus.Active };
        var concept = new CodeSystem.ConceptDefinitionComponent { Code = "old", Display = "Old" };
        concept.AddExtension("http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status", new Code("deprecated"));
        cs.Concept.Add(concept);
        var vs = ValueSet("http://example.org/vs/dep", new ValueSet.ConceptSetComponent { System = cs.Url });

        var result = Validate(vs, new ValidateCodeRequest { System = cs.Url, Code = "old" }, Registry(cs));

        Assert.True(result.Result);
        Assert.Equal("deprecated", result.Status);
        Assert.Equal("The concept 'old' is deprecated and its use should be reviewed", result.Message);
    }

    [Fact]
    public void GivenACodingWithoutSystem_WhenValidatingAgainstAValueSet_ThenTheMissingSystemIsAWarningOnTheCoding()
    {
        var result = Validate(AllAnimals(), new ValidateCodeRequest { Coding = new Coding { Code = "dog" } });

        Assert.False(result.Result);
        var noSystem = result.Issues!.Issue.Single(i => i.Details.Coding[0].Code == "invalid-data");
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, noSystem.Severity);
        Assert.Equal(["Coding"], noSystem.Expression);
        Assert.Contains(result.Issues.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error && i.Details.Coding[0].Code == "not-in-vs");
    }

    private static string? MessageId(OperationOutcome.IssueComponent issue) =>
        issue.GetExtensionValue<FhirString>("http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id")?.Value;

    [Fact]
    public void GivenTwoVersionsIncluded_WhenTheCodingHasNoVersion_ThenTheLatestAnswers()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));
        var vs = ValueSet("http://example.org/vs/both",
            new ValueSet.ConceptSetComponent { System = Animals, Version = "1.0" },
            new ValueSet.ConceptSetComponent { System = Animals, Version = "2.0" });

        Assert.Equal("2.0", Validate(vs, new ValidateCodeRequest { System = Animals, Code = "dog" }, registry).Version);
    }

    [Fact]
    public void GivenACaseInsensitiveCodeSystem_WhenTheCaseDiffers_ThenValidWithTheNormalizedCode()
    {
        var cs = AnimalsCodeSystem();
        cs.CaseSensitive = false;

        var result = Validate(AllAnimals(), new ValidateCodeRequest { System = Animals, Code = "DOG" }, Registry(cs));

        Assert.True(result.Result);
        Assert.Equal("dog", result.NormalizedCode);
        Assert.Equal("DOG", result.Code); // echoed as given
        Assert.Equal(["code-rule"], TxTypes(result));
        Assert.Equal(OperationOutcome.IssueSeverity.Information, result.Issues!.Issue[0].Severity);
    }

    [Theory]
    [InlineData("de", "Hund", true, new string[0])]
    [InlineData("de", "Dog", false, new[] { "invalid-display" })]
    [InlineData("fr", "Dog", true, new[] { "invalid-display" })]
    [InlineData("fr", "Doggo", false, new[] { "invalid-display" })]
    public void GivenADisplayLanguage_WhenValidatingADisplay_ThenOnlyDisplaysInThatLanguageAreRight(string language, string display, bool valid, string[] types)
    {
        var result = Validate(AllAnimals(), new ValidateCodeRequest { System = Animals, Code = "dog", Display = display, DisplayLanguage = language });

        Assert.Equal(valid, result.Result);
        Assert.Equal(types, TxTypes(result));
    }

    [Fact]
    public void GivenASystemThatIsAValueSet_WhenValidating_ThenInvalidDataNamesTheMistake()
    {
        var vs = AllAnimals();
        var result = Validate(vs, new ValidateCodeRequest { Coding = new Coding(vs.Url, "dog") }, null, vs);

        Assert.False(result.Result);
        Assert.Contains("invalid-data", TxTypes(result));
        Assert.Contains("references a value set", result.Message);
    }

    [Fact]
    public void GivenASystemThatIsASupplement_WhenValidating_ThenInvalidDataNamesTheMistake()
    {
        var supplement = new CodeSystem
        {
            Url = "http://example.org/cs/animals-fr",
            Version = "1",
            Content = CodeSystemContentMode.Supplement,
            Supplements = Animals,
            Status = PublicationStatus.Active,
        };
        var result = Validate(AllAnimals(), new ValidateCodeRequest { Coding = new Coding(supplement.Url, "dog") }, Registry(AnimalsCodeSystem(), supplement));

        Assert.False(result.Result);
        Assert.Contains("is a supplement", result.Message);
        Assert.Equal("Coding.system", result.Issues!.Issue[0].Expression.Single());
    }

    [Fact]
    public void GivenACodingWithoutSystem_WhenValidating_ThenInvalidDataUnlessInferSystem()
    {
        var vs = AllAnimals();

        var result = Validate(vs, new ValidateCodeRequest { Coding = new Coding(null, "dog") });
        Assert.False(result.Result);
        Assert.Contains("invalid-data", TxTypes(result));

        Assert.True(Validate(vs, new ValidateCodeRequest { Coding = new Coding(null, "dog"), InferSystem = true }).Result);
    }

    [Fact]
    public void GivenACodeableConceptWithAGoodCodingAndAnUnknownCode_WhenValidating_ThenFalse()
    {
        var cc = new CodeableConcept();
        cc.Coding.Add(new Coding(Animals, "unicorn"));
        cc.Coding.Add(new Coding(Animals, "dog"));

        var result = Validate(AllAnimals(), new ValidateCodeRequest { CodeableConcept = cc });

        Assert.False(result.Result);
        Assert.Equal("dog", result.Code);
        Assert.Contains("invalid-code", TxTypes(result));
    }

    [Fact]
    public void GivenAnExcludeOfAnotherVersion_WhenExpanding_ThenCodesOfEveryVersionGoUnlessVersionsMustMatch()
    {
        var v1 = AnimalsCodeSystem("1.0");
        v1.Concept.RemoveAt(1);
        var registry = Registry(v1, AnimalsCodeSystem("2.0"));
        var vs = ValueSet("http://example.org/vs/diff", new ValueSet.ConceptSetComponent { System = Animals, Version = "2.0" });
        vs.Compose!.Exclude.Add(new ValueSet.ConceptSetComponent { System = Animals, Version = "1.0" });

        var diff = new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(), registry);
        Assert.Equal(["plant"], Codes(diff));
        Assert.Contains(diff.Expansion!.Parameter, p => p.Name == "versionsMatch");

        var parameter = new Extension { Url = "http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter" };
        parameter.Extension.Add(new Extension("name", new Code("versionsMatch")));
        parameter.Extension.Add(new Extension("value", new FhirString("false")));
        vs.Compose.Extension.Add(parameter);
        var versioned = new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs, ExcludeNested = true }, VsRegistry(), registry);
        Assert.Equal(9, versioned.Expansion!.Total);
    }
}
