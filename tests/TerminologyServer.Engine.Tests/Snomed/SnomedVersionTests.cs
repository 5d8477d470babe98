using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.Snomed;

namespace TerminologyServer.Engine.Tests.Snomed;

public sealed class SnomedVersionTests
{
    [Theory]
    [InlineData("http://snomed.info/sct/900000000000207008/version/20250731", 900000000000207008L, 20250731, false)]
    [InlineData("http://snomed.info/xsct/31000003106/version/20250909", 31000003106L, 20250909, true)]
    [InlineData("http://snomed.info/sct/731000124108", 731000124108L, null, false)]
    public void GivenAVersionUri_WhenParsed_ThenModuleDateAndKindAreRead(string uri, long module, int? date, bool unpublished)
    {
        Assert.True(SnomedVersion.TryParse(uri, out var v, out _));
        Assert.Equal(new SnomedVersion(module, date, unpublished), v);
        Assert.Equal(uri, v.ToString());
    }

    [Theory]
    [InlineData("20250731")]
    [InlineData("http://snomed.info/sct/900000000000207009/version/20250731")]
    [InlineData("http://snomed.info/sct/900000000000207008/version/20251331")]
    [InlineData("http://snomed.info/sct/900000000000207008/20250731")]
    [InlineData("http://snomed.info/sct/")]
    public void GivenSomethingElse_WhenParsed_ThenItIsRejectedWithAReason(string text)
    {
        Assert.False(SnomedVersion.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("http://snomed.info/sct/900000000000207008", "http://snomed.info/sct/900000000000207008/version/20250731", true)]
    [InlineData("http://snomed.info/sct/31000003106", "http://snomed.info/xsct/31000003106/version/20250909", true)]
    [InlineData("http://snomed.info/xsct/31000003106", "http://snomed.info/sct/31000003106/version/20250909", false)]
    [InlineData("http://snomed.info/sct/900000000000207008", "http://snomed.info/sct/731000124108/version/20250901", false)]
    [InlineData("http://snomed.info/sct/900000000000207008/version/20250201", "http://snomed.info/sct/900000000000207008/version/20250731", false)]
    public void GivenAnEditionOnlyUri_WhenMatched_ThenEveryVersionOfThatEditionMatches(string requested, string actual, bool matches)
    {
        Assert.Equal(matches, SnomedVersion.Matches(requested, actual));
        Assert.Equal(matches, VersionRules.Matches(requested, actual));
    }

    [Theory]
    [InlineData("138875005", true)]
    [InlineData("900000000000207008", true)]
    [InlineData("2612374017", true)]
    [InlineData("138875006", false)]
    [InlineData("012345", false)]
    [InlineData("12345", false)]
    [InlineData("13887500x", false)]
    public void GivenAnId_WhenChecked_ThenTheVerhoeffDigitDecides(string id, bool valid) => Assert.Equal(valid, Sctid.IsValid(id));

    [Fact]
    public void GivenIdsOfEachPartition_WhenAskedForConcepts_ThenOnlyConceptIdsAre()
    {
        Assert.True(Sctid.IsConceptId("138875005"));
        Assert.False(Sctid.IsConceptId("2612374017"));
        Assert.False(Sctid.IsConceptId("1011000003024"));
    }
}
