using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.CodeSystems.Computed;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.CodeSystems.Computed;

/// <summary>$lookup, $validate-code and $expand on the computed code systems, through the engine's ordinary services.</summary>
public class ComputedOperationsTests
{
    private const string AllLanguages = "http://example.org/vs/all-languages";
    private const string SomeLanguages = "http://example.org/vs/some-languages";
    private const string ThreeLetterCountries = "http://example.org/vs/iso3166-1-3";
    private const string Currencies = "http://example.org/vs/currencies";
    private const string Units = "http://example.org/vs/units";

    private static readonly CodeSystemRegistry CodeSystems = ComputedCodeSystems.Register(new CodeSystemRegistry());

    private static readonly ValueSetRegistry ValueSets = VsRegistry(
        ValueSet(AllLanguages, new ValueSet.ConceptSetComponent { System = Bcp47CodeSystem.Url }),
        ValueSet(SomeLanguages, Include(Bcp47CodeSystem.Url, "en-US", "de-CH", "xx-YY")),
        ValueSet(ThreeLetterCountries, Filter(Iso3166CodeSystem.Url, "code", "regex", "[A-Z]{3}")),
        ValueSet(Currencies, new ValueSet.ConceptSetComponent { System = Iso4217CodeSystem.Url }),
        ValueSet(Units, new ValueSet.ConceptSetComponent { System = UcumCodeSystem.Url }));

    private static ValidateCodeResult Validate(string url, string system, string code, string? display = null) =>
        new ValueSetValidator().ValidateCode(new ValidateCodeRequest { Url = url, System = system, Code = code, Display = display }, ValueSets, CodeSystems);

    private static ValueSet Expand(string url) => new ValueSetExpander().Expand(new ExpansionRequest { Url = url }, ValueSets, CodeSystems);

    [Theory]
    [InlineData(Bcp47CodeSystem.Url, "de-CH", "German (Switzerland)")]
    [InlineData(Iso3166CodeSystem.Url, "DEU", "Germany")]
    [InlineData(Iso3166CodeSystem.Url, "276", "Germany")]
    [InlineData(Iso4217CodeSystem.Url, "CHF", "Swiss Franc")]
    [InlineData(UcumCodeSystem.Url, "mg/dL", "mg/dL")]
    [InlineData(MimeTypeCodeSystem.Url, "application/fhir+json", "application/fhir+json")]
    public void GivenACodeOfAComputedSystem_WhenLookedUp_ThenItsDisplayIsGiven(string system, string code, string display)
    {
        var result = new LookupService().Lookup(CodeSystems, new LookupRequest { System = system, Code = code });

        Assert.Equal(display, result.Display);
    }

    [Fact]
    public void GivenAnInvalidLanguageTag_WhenLookedUp_ThenItIsAnUnknownCode()
    {
        var ex = Assert.Throws<TerminologyException>(() => new LookupService().Lookup(CodeSystems, new LookupRequest { System = Bcp47CodeSystem.Url, Code = "english" }));

        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
    }

    [Fact]
    public void GivenAValueSetOfAllLanguages_WhenValidatingTags_ThenGrammarAndRegistryDecide()
    {
        var valid = Validate(AllLanguages, Bcp47CodeSystem.Url, "fr-CA");
        var differentCase = Validate(AllLanguages, Bcp47CodeSystem.Url, "FR-ca");
        var invalid = Validate(AllLanguages, Bcp47CodeSystem.Url, "fr-XX");

        Assert.True(valid.Result);
        Assert.Equal("French (Canada)", valid.Display);
        Assert.True(differentCase.Result);
        Assert.Equal("fr-CA", differentCase.NormalizedCode);
        Assert.False(invalid.Result);
        Assert.Contains("Unknown code 'fr-XX'", invalid.Message);
    }

    [Fact]
    public void GivenAValueSetOfAllUnits_WhenValidatingAWrongDisplay_ThenTheUnitNamesAndTheCodeAreTheValidDisplays()
    {
        Assert.True(Validate(Units, UcumCodeSystem.Url, "mg/dL", "(milligram) / (deciliter)").Result);
        Assert.True(Validate(Units, UcumCodeSystem.Url, "mg/dL", "mg/dL").Result);
        Assert.False(Validate(Units, UcumCodeSystem.Url, "mg/dL", "kilos").Result);
        Assert.False(Validate(Units, UcumCodeSystem.Url, "mg/xx").Result);
    }

    [Fact]
    public void GivenAGrammarCodeWithItsDisplay_WhenValidated_ThenNoIssueIsRaised()
    {
        // Only expressions (CPT) lack a display; a unit or a tag has one and is not reported as an expression.
        var unit = Validate(Units, UcumCodeSystem.Url, "mg/dL", "mg/dL");
        var tag = Validate(AllLanguages, Bcp47CodeSystem.Url, "de-CH", "German (Switzerland)");

        Assert.Empty(unit.Issues?.Issue ?? []);
        Assert.Empty(tag.Issues?.Issue ?? []);
    }

    [Fact]
    public void GivenAGrammarSystemTakenWhole_WhenExpanded_ThenItIsRefusedAsNotEnumerable()
    {
        var ex = Assert.Throws<TerminologyException>(() => Expand(AllLanguages));

        Assert.Equal(OperationOutcome.IssueType.TooCostly, ex.IssueType);
        Assert.Equal("CODESYSTEM_NOT_ENUMERABLE", ex.MessageId);
        Assert.Contains("urn:ietf:bcp:47", ex.Message);
    }

    [Fact]
    public void GivenListedLanguageTags_WhenExpanded_ThenTheValidOnesAreMembers()
    {
        Assert.Equal(["de-CH", "en-US"], Codes(Expand(SomeLanguages)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GivenTheEnumerableIsoSystems_WhenExpandedWholeOrByRegex_ThenEveryCodeIsListed()
    {
        var countries = Expand(ThreeLetterCountries);
        var currencies = Expand(Currencies);

        Assert.Equal(249, countries.Expansion.Total);
        Assert.All(Codes(countries), c => Assert.Equal(3, c.Length));
        Assert.Contains(countries.Expansion.Contains, c => c.Code == "CHE" && c.Display == "Switzerland");
        Assert.Equal(181, currencies.Expansion.Total);
    }

    [Fact]
    public void GivenTwoLookupsOfOneTag_WhenResolved_ThenTheSameConceptAnswersSoSubsumptionSeesOneCode()
    {
        var index = CodeSystems.Find(Bcp47CodeSystem.Url)!;

        Assert.Same(index.Find("en-GB"), index.Find("EN-gb"));
        Assert.NotEqual(index.Find("en-GB")!.Index, index.Find("en-US")!.Index);
        Assert.False(index.IsEnumerable);
    }
}
