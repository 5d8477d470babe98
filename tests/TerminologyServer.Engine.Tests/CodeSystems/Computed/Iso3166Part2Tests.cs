using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.CodeSystems.Computed;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.CodeSystems.Computed;

/// <summary>ISO 3166-2 subdivisions (<c>urn:iso:std:iso:3166:-2</c>): $lookup, $validate-code, $expand and filters.</summary>
public class Iso3166Part2Tests
{
    private const string System = Iso3166Part2CodeSystem.Url;
    private const string All = "http://example.org/vs/subdivisions";
    private const string UnitedStates = "http://example.org/vs/us-states";
    private const string InEngland = "http://example.org/vs/in-england";
    private const string GermanLaender = "http://example.org/vs/laender";

    private static readonly CodeSystemRegistry CodeSystems = ComputedCodeSystems.Register(new CodeSystemRegistry());

    private static readonly ValueSetRegistry ValueSets = VsRegistry(
        ValueSet(All, new ValueSet.ConceptSetComponent { System = System }),
        ValueSet(UnitedStates, Filter(System, "country", "=", "US")),
        ValueSet(InEngland, Filter(System, "concept", "is-a", "GB-ENG")),
        ValueSet(GermanLaender, new ValueSet.ConceptSetComponent { System = System, Filter = [FilterOf("country", "=", "DE"), FilterOf("type", "=", "Land")] }));

    private static LookupResult Lookup(string code) => new LookupService().Lookup(CodeSystems, new LookupRequest { System = System, Code = code });

    private static ValidateCodeResult Validate(string code, string? display = null) =>
        new ValueSetValidator().ValidateCode(new ValidateCodeRequest { Url = All, System = System, Code = code, Display = display }, ValueSets, CodeSystems);

    private static ValueSet Expand(string url, int? offset = null, int? count = null) =>
        new ValueSetExpander().Expand(new ExpansionRequest { Url = url, Offset = offset, Count = count }, ValueSets, CodeSystems);

    private static string? Property(LookupResult result, string code) => result.Properties.FirstOrDefault(p => p.Code == code)?.Value.Value;

    [Theory]
    [InlineData("US-CA", "California", "State", "US")]
    [InlineData("GB-ENG", "England", "Country", "GB")]
    [InlineData("DE-BY", "Bayern", "Land", "DE")]
    public void GivenASubdivision_WhenLookedUp_ThenItsNameTypeAndCountryAreGiven(string code, string display, string type, string country)
    {
        var result = Lookup(code);

        Assert.Equal(display, result.Display);
        Assert.Equal(type, Property(result, "type"));
        Assert.Equal(country, Property(result, "country"));
    }

    [Fact]
    public void GivenASubdivisionOfASubdivision_WhenLookedUp_ThenItsParentIsGiven()
    {
        var london = Lookup("GB-LND");
        var england = Lookup("GB-ENG");

        Assert.Equal("GB-ENG", Property(london, "parent"));
        Assert.Contains(england.Properties, p => p.Code == "child" && p.Value.Value == "GB-LND");
    }

    [Theory]
    [InlineData("US-XX", "United States (US) has no subdivision 'XX'")]
    [InlineData("ZZ-CA", "'ZZ' is not an ISO 3166-1 alpha-2 country code")]
    [InlineData("us-ca", "codes are upper case ('US-CA')")]
    [InlineData("California", "the form is a country's ISO 3166-1 alpha-2 code")]
    [InlineData("AQ-01", "Antarctica (AQ) has no subdivisions in ISO 3166-2")]
    public void GivenAnUnknownCode_WhenValidated_ThenTheMessageSaysWhatIsWrong(string code, string why)
    {
        var result = Validate(code);

        Assert.False(result.Result);
        Assert.Contains(why, result.Message);
    }

    [Fact]
    public void GivenAnUnknownCode_WhenLookedUp_ThenTheNotFoundMessageExplainsIt()
    {
        var ex = Assert.Throws<TerminologyException>(() => Lookup("US-XX"));

        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
        Assert.Contains("has no subdivision 'XX'", ex.Message);
    }

    [Fact]
    public void GivenAKnownCode_WhenValidatedWithItsNameOrAnother_ThenTheDisplayIsChecked()
    {
        var valid = Validate("DE-BY", "Bayern");
        var wrongDisplay = Validate("DE-BY", "Bavaria Free State");

        Assert.True(valid.Result);
        Assert.Empty(valid.Issues?.Issue ?? []);
        Assert.False(wrongDisplay.Result);
    }

    [Fact]
    public void GivenTheWholeSystem_WhenExpandedByPages_ThenEveryCodeIsCountedAndPagesFollowEachOther()
    {
        var first = Expand(All, 0, 100);
        var second = Expand(All, 100, 100);

        Assert.True(first.Expansion.Total > 5000, $"total {first.Expansion.Total}");
        Assert.Equal(100, first.Expansion.Contains.Count);
        Assert.Equal(100, second.Expansion.Contains.Count);
        Assert.Empty(Codes(first).Intersect(Codes(second)));
    }

    [Fact]
    public void GivenACountryFilter_WhenExpanded_ThenOnlyThatCountrysSubdivisionsAreListed()
    {
        var states = Codes(Expand(UnitedStates)).ToList();

        Assert.Contains("US-CA", states);
        Assert.Contains("US-DC", states);
        Assert.All(states, c => Assert.StartsWith("US-", c));
        Assert.InRange(states.Count, 50, 60);
    }

    [Fact]
    public void GivenCountryAndTypeFilters_WhenExpanded_ThenBothApply()
    {
        var laender = Codes(Expand(GermanLaender)).ToList();

        Assert.Equal(16, laender.Count);
        Assert.Contains("DE-BY", laender);
    }

    [Fact]
    public void GivenAnIsAFilter_WhenExpanded_ThenTheSubdivisionsBelowAreListed()
    {
        var england = Codes(Expand(InEngland)).ToList();

        Assert.Contains("GB-ENG", england);
        Assert.Contains("GB-LND", england);
        Assert.DoesNotContain("GB-EDH", england);
    }
}
