using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.CodeSystems.Computed;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.CodeSystems.Computed;

/// <summary>
/// The canonical form of UCUM units and the <c>canonical</c> filter of the core value sets <c>all-time-units</c>
/// (<c>canonical = a</c>) and <c>all-distance-units</c> (<c>canonical = m</c>).
/// </summary>
public class UcumCanonicalTests
{
    private const string TimeUnits = "http://example.org/vs/all-time-units";
    private const string ListedTimeUnits = "http://example.org/vs/listed-time-units";

    private static readonly UcumCodeSystem Ucum = new();
    private static readonly CodeSystemRegistry CodeSystems = ComputedCodeSystems.Register(new CodeSystemRegistry());

    private static readonly ValueSetRegistry ValueSets = VsRegistry(
        ValueSet(TimeUnits, Filter(UcumCodeSystem.Url, "canonical", "=", "a")),
        ValueSet(ListedTimeUnits, WithFilter(Include(UcumCodeSystem.Url, "min", "mg", "h", "mo", "m"), "canonical", "=", "a")));

    private static ValueSet.ConceptSetComponent WithFilter(ValueSet.ConceptSetComponent include, string property, string op, string value)
    {
        include.Filter.Add(FilterOf(property, op, value));
        return include;
    }

    private static ValidateCodeResult Validate(string url, string code) =>
        new ValueSetValidator().ValidateCode(new ValidateCodeRequest { Url = url, System = UcumCodeSystem.Url, Code = code }, ValueSets, CodeSystems);

    private static ValueSet Expand(string url) => new ValueSetExpander().Expand(new ExpansionRequest { Url = url }, ValueSets, CodeSystems);

    [Theory]
    [InlineData("s", "s")]
    [InlineData("min", "s")]
    [InlineData("mo", "s")]
    [InlineData("a", "s")]
    [InlineData("ms", "s")]
    [InlineData("/min", "s-1")]
    [InlineData("mg", "g")]
    [InlineData("mg/dL", "g.m-3")]
    [InlineData("mmol/L", "m-3")]
    [InlineData("N", "g.m.s-2")]
    [InlineData("Cel", "K")]
    [InlineData("[degF]", "K")]
    [InlineData("[in_i]", "m")]
    [InlineData("%", "1")]
    [InlineData("{beats}/min", "s-1")]
    [InlineData("[iU]/L", "[iU].m-3")]
    [InlineData("''", "rad")]
    public void GivenAUnit_WhenItsCanonicalFormIsTaken_ThenItIsItsBaseUnitsWithoutMagnitude(string unit, string canonical) =>
        Assert.Equal(canonical, Ucum.CanonicalOf(unit));

    [Theory]
    [InlineData("mg/xx")]
    [InlineData("m999999999999")]
    public void GivenAnInvalidUnit_WhenItsCanonicalFormIsTaken_ThenThereIsNone(string unit) => Assert.Null(Ucum.CanonicalOf(unit));

    [Fact]
    public void GivenEveryAtomOfTheEssence_WhenItsCanonicalFormIsTaken_ThenEachHasOne()
    {
        var missing = UcumEssence.Load().Units.Keys.Where(atom => Ucum.CanonicalOf(atom) is null).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("mo")]
    [InlineData("h")]
    [InlineData("min")]
    [InlineData("a")]
    [InlineData("s")]
    [InlineData("wk")]
    [InlineData("10*3.s")]
    public void GivenATimeUnit_WhenValidatedAgainstAllTimeUnits_ThenItIsAMember(string unit) => Assert.True(Validate(TimeUnits, unit).Result);

    [Fact]
    public void GivenAMassUnit_WhenValidatedAgainstAllTimeUnits_ThenItIsNotAMemberAndTheMessageSaysSo()
    {
        var result = Validate(TimeUnits, "mg");

        Assert.False(result.Result);
        Assert.Contains("'http://unitsofmeasure.org#mg' was not found in the value set", result.Message);
    }

    [Fact]
    public void GivenAllTimeUnits_WhenExpanded_ThenItIsTooCostlyBecauseTheGrammarCannotBeEnumerated()
    {
        var ex = Assert.Throws<TerminologyException>(() => Expand(TimeUnits));

        Assert.Equal(OperationOutcome.IssueType.TooCostly, ex.IssueType);
        Assert.Equal("CODESYSTEM_NOT_ENUMERABLE", ex.MessageId);
    }

    [Fact]
    public void GivenListedUnitsAndACanonicalFilter_WhenExpanded_ThenTheListedTimeUnitsAreTheMembers() =>
        Assert.Equal(["h", "min", "mo"], Codes(Expand(ListedTimeUnits)).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("=", "furlongs", OperationOutcome.IssueType.Invalid, "UCUM_FILTER_VALUE")]
    [InlineData("is-a", "s", OperationOutcome.IssueType.NotSupported, "UCUM_FILTER_OP")]
    public void GivenABadCanonicalFilter_WhenUsed_ThenTheErrorSaysWhatIsWrong(string op, string value, OperationOutcome.IssueType type, string id)
    {
        var valueSets = VsRegistry(ValueSet(TimeUnits, Filter(UcumCodeSystem.Url, "canonical", op, value)));

        var ex = Assert.Throws<TerminologyException>(() =>
            new ValueSetValidator().ValidateCode(new ValidateCodeRequest { Url = TimeUnits, System = UcumCodeSystem.Url, Code = "s" }, valueSets, CodeSystems));

        Assert.Equal((type, id), (ex.IssueType, ex.MessageId));
        Assert.Contains(value == "s" ? op : value, ex.Message);
    }
}
