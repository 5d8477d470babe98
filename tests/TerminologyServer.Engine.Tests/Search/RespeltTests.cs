using TerminologyServer.Engine.Search;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>"Did you mean": the query respelt with the best result's words that are one edit from a typed word.</summary>
public sealed class RespeltTests
{
    [Theory]
    [InlineData("pnuemonia", "Pneumonia, unspecified organism", "pneumonia")]
    [InlineData("viral pnuemonia", "Viral pneumonia, unspecified", "viral pneumonia")]
    [InlineData("myleography lumbar", "Myelography, lumbar, radiological supervision", "myelography lumbar")]
    public void GivenAWordOneEditFromTheDisplay_WhenRespelt_ThenTheDisplaysSpellingReplacesIt(string query, string display, string expected) =>
        Assert.Equal(expected, CodeSearch.Respelt(query, display));

    [Theory]
    [InlineData("pneumonia", "Pneumonia, unspecified organism")]
    [InlineData("pneu", "Pneumonia, unspecified organism")]
    [InlineData("asthma", "Pneumonia, unspecified organism")]
    public void GivenNoWordToCorrect_WhenRespelt_ThenNull(string query, string display) =>
        Assert.Null(CodeSearch.Respelt(query, display));
}
