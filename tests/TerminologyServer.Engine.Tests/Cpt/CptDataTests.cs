using TerminologyServer.Engine;
using TerminologyServer.Engine.Cpt;

namespace TerminologyServer.Engine.Tests.Cpt;

/// <summary>The CPT code ranges and the embedded rules data the modifier rules are read from.</summary>
public sealed class CptDataTests
{
    [Theory]
    [InlineData("20100-69990, 92920, 92926-92928", "62321", true)]
    [InlineData("20100-69990, 92920, 92926-92928", "92927", true)]
    [InlineData("20100-69990, 92920, 92926-92928", "92921", false)]
    [InlineData("20100-69990", "2010F", false)] // a Category II code is not inside a numeric range
    [InlineData("20100-69990", "201000", false)]
    [InlineData("0001F-9999F", "1125F", true)]
    [InlineData("0001F-9999F", "0001T", false)]
    [InlineData("0001F-9999F", "11250", false)]
    public void GivenARangeList_WhenACodeIsTested_ThenOnlyCodesOfTheSameFormBetweenTheEndsAreIn(string ranges, string code, bool expected)
    {
        Assert.Equal(expected, CodeRanges.Parse(ranges).Contains(code));
    }

    [Theory]
    [InlineData("20100-6999")]
    [InlineData("69990-20100")]
    [InlineData("0001F-99999")]
    [InlineData("-20100")]
    public void GivenAMalformedRange_WhenParsed_ThenAnInvalidErrorNamesIt(string ranges)
    {
        var ex = Assert.Throws<TerminologyException>(() => CodeRanges.Parse(ranges));
        Assert.Equal("CPT_CODE_RANGE_INVALID", ex.MessageId);
        Assert.Contains(ranges, ex.Message);
    }

    [Fact]
    public void GivenTheEmbeddedRulesFile_WhenLoaded_ThenEveryRuleOfTheIssueIsThereWithItsKinds()
    {
        var rules = CptRules.Default;

        Assert.Equal(
            ["CPT_59_WITH_X", "CPT_63_RANGE", "CPT_92_RANGE", "CPT_95_TELEMEDICINE", "CPT_CAT2_MODIFIER", "CPT_MODIFIER_NOT_ON_CAT2", "CPT_MUTUALLY_EXCLUSIVE", "CPT_PHYSICAL_STATUS_MODIFIER"],
            rules.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["code", "cat-1", "cat-2", "physical-status", "general", "hcpcs", "metadata"], rules.Kinds);
        Assert.Equal(4, rules.MaxModifiers);
    }

    [Theory]
    [InlineData("""{"maxModifiers":2,"kinds":[],"abstractKinds":[],"flags":[],"rules":[{"id":"X","type":"sometimes","message":"m"}]}""")]
    [InlineData("""{"maxModifiers":2,"kinds":[],"abstractKinds":[],"flags":[],"rules":[{"id":"X","type":"only-on","message":"m","on":{"ranges":"9-1"}}]}""")]
    public void GivenABrokenRulesFile_WhenParsed_ThenItIsRefused(string json)
    {
        Assert.ThrowsAny<Exception>(() => CptRules.Parse(json));
    }
}
